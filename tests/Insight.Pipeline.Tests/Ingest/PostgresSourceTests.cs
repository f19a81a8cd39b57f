using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Tests.Builders;
using Npgsql;

namespace Insight.Pipeline.Tests.Ingest;

/// <summary>
/// PostgreSQL tables and queries as sources, against the real server that <c>.ci/run</c> starts
/// (connection string in <c>INSIGHT_TEST_POSTGRES</c>). Skipped, with the reason, where there is none.
/// Each test works in a schema of its own and drops it.
/// </summary>
public sealed class PostgresSourceTests : IAsyncLifetime
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("INSIGHT_TEST_POSTGRES");
    private readonly IngestHarness _ingest = new();
    private readonly string _schema = "insight_test_" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        if (ConnectionString is not null)
        {
            await ExecuteAsync($"CREATE SCHEMA {_schema}");
        }
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
        }

        _ingest.Dispose();
    }

    [SkippableFact]
    public async Task Table_WithItsOwnNamesLocalTimesChannelCodesAndJsonbTurns_IsMapped()
    {
        RequireServer();
        await ExecuteAsync($$"""
            CREATE TABLE {{_schema}}.interactions (id bigint PRIMARY KEY, account text, opened timestamp, media text, dialogue jsonb, wrap_up text);
            INSERT INTO {{_schema}}.interactions VALUES
              (1, 'A-1', '2025-07-01 10:00:00', 'VOICE', '[{"who": "client", "said": "My parcel 123456789 is lost"}, {"who": "agent", "said": "Let me check."}]', 'lost-parcel'),
              (2, 'A-2', '2025-07-01 11:30:00', 'CHAT', '[{"who": "client", "said": "Charged twice, call 07700 900123"}]', NULL);
            """);

        var report = await _ingest.IngestAsync(contacts: Contacts("interactions"));

        report.Sources[0].Should().Match<SourceReport>(s => s.Format == "postgres" && s.RowsRead == 2 && s.RowsStored == 2 && s.Error == null);
        Location(report).Should().Contain("127.0.0.1").And.Contain("interactions").And.NotContain("Password");
        var contacts = (await _ingest.ContactsAsync()).OrderBy(c => c.ContactId).ToList();
        contacts.Select(c => (c.ContactId, c.CustomerId, c.Channel, c.StartedAt, c.Disposition)).Should().Equal(
            ("1", "A-1", "phone", new DateTime(2025, 7, 1, 8, 0, 0), "lost-parcel"),   // Berlin summer time is UTC+2
            ("2", "A-2", "chat", new DateTime(2025, 7, 1, 9, 30, 0), null));
        contacts[0].Transcript.Should().Be("Customer: My parcel 123456789 is lost\nAgent: Let me check.");
        contacts[1].CustomerText.Should().Be("Charged twice, call [PHONE]");
    }

    [SkippableFact]
    public async Task Table_WithAnUpdateColumn_SecondRunReadsOnlyWhatChanged()
    {
        RequireServer();
        await ExecuteAsync($"""
            CREATE TABLE {_schema}.orders (id text PRIMARY KEY, customer text, placed timestamptz, total numeric(10,2), state text, changed timestamptz);
            INSERT INTO {_schema}.orders
              SELECT 'o' || i, 'c' || (i % 10), timestamptz '2025-01-01 00:00:00+00' + i * interval '1 hour', i, 'completed',
                     timestamptz '2025-02-01 00:00:00+00' + i * interval '1 minute'
              FROM generate_series(1, 50) AS i;
            """);
        var source = Orders(new PostgresSourceOptions { ConnectionString = ConnectionString!, Table = $"{_schema}.orders" });

        var first = await _ingest.IngestAsync(purchases: source);
        await ExecuteAsync($"""
            INSERT INTO {_schema}.orders VALUES ('o51', 'c1', '2025-01-05 00:00:00+00', 51, 'completed', '2025-02-02 00:00:00+00');
            UPDATE {_schema}.orders SET state = 'returned', changed = '2025-02-03 00:00:00+00' WHERE id = 'o7';
            """);
        var second = await _ingest.IngestAsync(purchases: source);
        var third = await _ingest.IngestAsync(purchases: source);

        first.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 50 && s.Added == 50);
        // The row at the watermark comes again and is recognised as unchanged.
        second.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 3 && s.Added == 1 && s.Updated == 1 && s.Unchanged == 1 && s.TableRows == 51);
        third.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 1 && s.Unchanged == 1 && s.TableRows == 51);
        var stored = await _ingest.PurchasesAsync();
        stored.Should().HaveCount(51);
        stored.Single(p => p.OrderId == "o7").Status.Should().Be("returned");
        _ingest.Lake.ReadManifest().Watermarks[LakeTables.Purchases].UpdatedSince.Should().Be("2025-02-03T00:00:00.0000000Z");
    }

    [SkippableFact]
    public async Task Query_SelectsTheRowsToIngest()
    {
        RequireServer();
        await ExecuteAsync($"""
            CREATE TABLE {_schema}.sales (id int, customer text, placed timestamptz, total numeric, state text, shop text, changed timestamptz);
            INSERT INTO {_schema}.sales VALUES (1, 'c1', '2025-03-01 10:00+00', 10, 'completed', 'web', '2025-03-01 10:00+00'),
                                               (2, 'c2', '2025-03-02 10:00+00', 20, 'completed', 'store', '2025-03-02 10:00+00'),
                                               (3, 'c3', '2025-03-03 10:00+00', 30, 'completed', 'web', '2025-03-03 10:00+00');
            """);
        // The reader wraps the query to filter and order by the update column: a closing line comment must not break it.
        var source = Orders(new PostgresSourceOptions { ConnectionString = ConnectionString!, Query = $"SELECT * FROM {_schema}.sales WHERE shop = 'web' -- web shop only" });

        var report = await _ingest.IngestAsync(purchases: source);

        report.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 2 && s.Error == null);
        (await _ingest.PurchasesAsync()).Select(p => p.OrderId).Order().Should().Equal("1", "3");
        _ingest.Lake.ReadManifest().Watermarks[LakeTables.Purchases].UpdatedSince.Should().Be("2025-03-03T10:00:00.0000000Z");
    }

    [SkippableFact]
    public async Task DateUpdateColumn_IsAWatermarkToo()
    {
        RequireServer();
        await ExecuteAsync($"""
            CREATE TABLE {_schema}.orders (id text, customer text, placed date, total numeric, state text, changed date);
            INSERT INTO {_schema}.orders VALUES ('o1', 'c1', '2025-03-01', 10, 'completed', '2025-03-01'), ('o2', 'c2', '2025-03-02', 20, 'completed', '2025-03-02');
            """);
        var source = Orders(new PostgresSourceOptions { ConnectionString = ConnectionString!, Table = $"{_schema}.orders" });
        source.Fields["UpdatedAt"] = "Changed";   // matched to the column as the other fields are, whatever the case

        var first = await _ingest.IngestAsync(purchases: source);
        await ExecuteAsync($"UPDATE {_schema}.orders SET state = 'returned', changed = '2025-03-05' WHERE id = 'o1'");
        var second = await _ingest.IngestAsync(purchases: source);

        first.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 2 && s.Added == 2 && s.Error == null);
        second.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 2 && s.Updated == 1 && s.Unchanged == 1 && s.TableRows == 2);
        (await _ingest.PurchasesAsync()).Single(p => p.OrderId == "o1").Status.Should().Be("returned");
        _ingest.Lake.ReadManifest().Watermarks[LakeTables.Purchases].UpdatedSince.Should().Be("2025-03-05T00:00:00.0000000");
    }

    [SkippableFact]
    public async Task BadValue_IsQuarantinedWithItsRowAndField()
    {
        RequireServer();
        await ExecuteAsync($"""
            CREATE TABLE {_schema}.orders (id text, customer text, placed timestamptz, total numeric, state text, changed timestamptz);
            INSERT INTO {_schema}.orders VALUES ('o1', 'c1', '2025-03-01 10:00+00', 10, 'completed', '2025-03-01 10:00+00'),
                                                ('o2', 'c1', '2025-03-02 10:00+00', -5, 'completed', '2025-03-02 10:00+00'),
                                                ('o3', NULL, '2025-03-03 10:00+00', 7, 'completed', '2025-03-03 10:00+00');
            """);

        var report = await _ingest.IngestAsync(purchases: Orders(new PostgresSourceOptions { ConnectionString = ConnectionString!, Table = $"{_schema}.orders" }));

        report.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 3 && s.RowsStored == 1 && s.RowsQuarantined == 2);
        (await _ingest.QuarantineAsync()).Select(q => (q.Row, q.Field)).Should().BeEquivalentTo(new[]
        {
            (2L, "amount (source 'total')"),
            (3L, "customer_id (source 'customer')"),
        });
    }

    [SkippableFact]
    public async Task UnreachableServer_IsASourceErrorAndOtherSourcesAreStillIngested()
    {
        RequireServer();
        var unreachable = new NpgsqlConnectionStringBuilder(ConnectionString) { Port = 1, Timeout = 3 }.ConnectionString;
        string purchases = _ingest.Folder.Write("purchases.csv", "order_id,customer_id,ordered_at,amount\no1,c1,2025-03-01,20\n");
        var contacts = Contacts("interactions");
        contacts.Postgres.ConnectionString = unreachable;

        var report = await _ingest.IngestAsync(contacts: contacts, purchases: new SourceOptions { Path = purchases });

        report.Sources[0].Error.Should().Contain("PostgreSQL");
        report.Sources[1].RowsStored.Should().Be(1);
    }

    [SkippableFact]
    public async Task ColumnsNpgsqlCannotReadAsValues_DoNotFailTheRead()
    {
        RequireServer();
        await ExecuteAsync($"""
            CREATE TYPE {_schema}.mood AS ENUM ('calm', 'angry');
            CREATE TYPE {_schema}.point2 AS (x int, y int);
            CREATE TABLE {_schema}.orders (id text, customer text, placed timestamptz, total numeric, state text, changed timestamptz, mood {_schema}.mood, spot {_schema}.point2);
            INSERT INTO {_schema}.orders VALUES ('o1', 'c1', '2025-03-01 10:00+00', 10.50, 'completed', '2025-03-01 10:00+00', 'calm', ROW(1, 2)),
                                                ('o2', 'c1', '2025-03-02 10:00+00', 'NaN', 'completed', '2025-03-02 10:00+00', 'angry', NULL);
            """);

        var report = await _ingest.IngestAsync(purchases: Orders(new PostgresSourceOptions { ConnectionString = ConnectionString!, Table = $"{_schema}.orders" }));

        // An enum and a composite nobody maps are read as text; numeric NaN (no decimal holds it) fails its row only.
        report.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 2 && s.RowsStored == 1 && s.RowsQuarantined == 1 && s.Error == null);
        (await _ingest.PurchasesAsync()).Single().Amount.Should().Be(10.5);
        var quarantined = (await _ingest.QuarantineAsync()).Single();
        (quarantined.Row, quarantined.Field).Should().Be((2L, "amount (source 'total')"));
        quarantined.Raw.Should().Contain("angry");
    }

    [SkippableFact]
    public async Task MalformedConnectionStringOrWatermark_IsASourceError()
    {
        RequireServer();
        await ExecuteAsync($"""
            CREATE TABLE {_schema}.orders (id text, customer text, placed timestamptz, total numeric, state text, changed timestamptz);
            INSERT INTO {_schema}.orders VALUES ('o1', 'c1', '2025-03-01 10:00+00', 10, 'completed', '2025-03-01 10:00+00');
            """);
        var malformed = await _ingest.IngestAsync(purchases: Orders(new PostgresSourceOptions { ConnectionString = "Host=127.0.0.1;;Port", Table = $"{_schema}.orders" }));
        var source = Orders(new PostgresSourceOptions { ConnectionString = ConnectionString!, Table = $"{_schema}.orders" });
        await _ingest.IngestAsync(purchases: source);
        var manifest = _ingest.Lake.ReadManifest();
        manifest.Watermarks[LakeTables.Purchases].UpdatedSince = "yesterday";
        _ingest.Lake.CommitManifest(manifest);

        var badWatermark = await _ingest.IngestAsync(purchases: source);

        malformed.Sources[1].Error.Should().Contain("connection string");
        badWatermark.Sources[1].Error.Should().Contain("watermark 'yesterday'");
        (await _ingest.PurchasesAsync()).Should().ContainSingle();
    }

    private static string Location(IngestReport report) => report.Sources[0].Location;

    private SourceOptions Contacts(string table) => new()
    {
        Format = "postgres",
        Postgres = new PostgresSourceOptions { ConnectionString = ConnectionString!, Table = $"{_schema}.{table}" },
        Fields = new()
        {
            ["ContactId"] = "id", ["CustomerId"] = "account", ["StartedAt"] = "opened", ["Channel"] = "media",
            ["Transcript"] = "dialogue", ["Disposition"] = "wrap_up",
        },
        Values = new() { ["Channel"] = new() { ["VOICE"] = "phone", ["CHAT"] = "chat" } },
        TimeZone = "Europe/Berlin",
        Transcript = new TranscriptOptions { Shape = "turns-json", Speaker = "who", Text = "said" },
    };

    private static SourceOptions Orders(PostgresSourceOptions postgres) => new()
    {
        Format = "postgres",
        Postgres = postgres,
        Fields = new()
        {
            ["OrderId"] = "id", ["CustomerId"] = "customer", ["OrderedAt"] = "placed", ["Amount"] = "total", ["Status"] = "state", ["UpdatedAt"] = "changed",
        },
    };

    private static void RequireServer() =>
        Skip.If(ConnectionString is null, "INSIGHT_TEST_POSTGRES is not set: .ci/run starts a PostgreSQL server and sets it");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
