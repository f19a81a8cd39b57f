using System.Text;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Tests.Builders;
using Parquet.Serialization;

namespace Insight.Pipeline.Tests.Ingest;

/// <summary>Exports that do not look like Insight's: formats, column maps, times, value maps and transcript shapes.</summary>
public sealed class SourceMappingTests : IDisposable
{
    private readonly IngestHarness _ingest = new();

    [Fact]
    public async Task Csv_SemicolonsWindows1252RenamedColumnsLocalTimesAndChannelMap_AreMapped()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        string path = _ingest.Folder.File("calls.csv");
        File.WriteAllText(path, string.Join("\r\n",
            "Call ID;Kunde;Beginn;Medium;Text",
            "a-1;K7;30/03/2025 01:30;Voice;Kunde: Die Lieferung kam beschädigt an",
            "a-2;K8;30/03/2025 03:30;Web Chat;Kunde: Rückerstattung?",
            "a-3;K9;30/03/2025 02:30;Voice;Kunde: Zeit gibt es nicht"), Encoding.GetEncoding(1252));
        var source = new SourceOptions
        {
            Path = path,
            Csv = new CsvSourceOptions { Delimiter = ";", Encoding = "windows-1252" },
            Fields = new() { ["ContactId"] = "Call ID", ["CustomerId"] = "Kunde", ["StartedAt"] = "Beginn", ["Channel"] = "Medium", ["Transcript"] = "Text" },
            Values = new() { ["Channel"] = new() { ["voice"] = "phone", ["Web Chat"] = "chat" } },
            TimeFormats = ["dd/MM/yyyy HH:mm"],
            TimeZone = "Europe/Berlin",
            Transcript = new TranscriptOptions { Speakers = new() { ["Kunde"] = "customer" } },
        };

        var report = await _ingest.IngestAsync(contacts: source);

        var contacts = (await _ingest.ContactsAsync()).OrderBy(c => c.ContactId).ToList();
        contacts.Select(c => (c.ContactId, c.Channel, c.StartedAt)).Should().Equal(
            ("a-1", "phone", new DateTime(2025, 3, 30, 0, 30, 0)),   // CET, UTC+1
            ("a-2", "chat", new DateTime(2025, 3, 30, 1, 30, 0)));   // CEST, UTC+2
        contacts[0].CustomerText.Should().Be("Die Lieferung kam beschädigt an");
        // 02:30 on that night does not exist in Berlin: the clocks jumped from 02:00 to 03:00.
        var bad = (await _ingest.QuarantineAsync()).Should().ContainSingle().Subject;
        (bad.Row, bad.Field).Should().Be((3L, "started_at (source 'Beginn')"));
        bad.Reason.Should().Contain("does not exist in time zone Europe/Berlin");
        report.Sources[0].Should().Match<SourceReport>(s => s.RowsRead == 3 && s.RowsStored == 2 && s.RowsQuarantined == 1);
    }

    [Fact]
    public async Task Csv_WithoutHeader_TakesNamesFromTheMapping()
    {
        string path = _ingest.Folder.Write("orders.txt", "o1|c1|20250301|12.50\no2|c2|20250302|7\n");
        var source = new SourceOptions
        {
            Path = path,
            Format = "csv",
            Csv = new CsvSourceOptions { Delimiter = "|", HasHeader = false, Names = ["order", "customer", "day", "total"] },
            Fields = new() { ["OrderId"] = "order", ["CustomerId"] = "customer", ["OrderedAt"] = "day", ["Amount"] = "total" },
            TimeFormats = ["yyyyMMdd"],
        };

        await _ingest.IngestAsync(purchases: source);

        (await _ingest.PurchasesAsync()).Select(p => (p.OrderId, p.OrderedAt, p.Amount)).Should().Equal(
            ("o1", new DateTime(2025, 3, 1), 12.5), ("o2", new DateTime(2025, 3, 2), 7.0));
    }

    [Fact]
    public async Task FixedWidth_WithTemplateIds_ReadsEveryLine()
    {
        string path = _ingest.Folder.Write("log.txt", " customer date amount\n 00001 19970101  11.77\n 00001 19970101  11.77\n 00002 19970112  12.00\n");
        var source = new SourceOptions
        {
            Path = path,
            Csv = new CsvSourceOptions { Mode = "fixed-width", FieldWidths = [6, 9, 7], Names = ["customer", "date", "amount"] },
            Fields = new() { ["OrderId"] = "{customer}-{@row}", ["CustomerId"] = "customer", ["OrderedAt"] = "date", ["Amount"] = "amount" },
            TimeFormats = ["yyyyMMdd"],
        };

        await _ingest.IngestAsync(purchases: source);

        // Two identical lines are two purchases: the row number keeps their ids apart.
        (await _ingest.PurchasesAsync()).Select(p => (p.OrderId, p.CustomerId, p.Amount)).Should().Equal(
            ("00001-1", "00001", 11.77), ("00001-2", "00001", 11.77), ("00002-3", "00002", 12.0));
    }

    [Fact]
    public async Task Tagged_OneStringWithInlineTags_SplitsTurnsAndRedacts()
    {
        string path = _ingest.Folder.Write("calls.csv", "id,transcript\n" +
            "1,\"agent hello how can i help caller my card 4111 1111 1111 1111 was charged twice agent sorry about that caller thanks\"\n");
        var source = new SourceOptions
        {
            Path = path,
            Fields = new() { ["ContactId"] = "id", ["CustomerId"] = "{id}" },
            Defaults = new() { ["StartedAt"] = "2024-01-01", ["Channel"] = "phone" },
            Transcript = new TranscriptOptions { Shape = "tagged", TagColon = false, Speakers = new() { ["agent"] = "agent", ["caller"] = "customer" } },
        };

        await _ingest.IngestAsync(contacts: source);

        var contact = (await _ingest.ContactsAsync()).Should().ContainSingle().Subject;
        contact.Transcript.Should().Be("Agent: hello how can i help\nCustomer: my card [CARD] was charged twice\nAgent: sorry about that\nCustomer: thanks");
        contact.CustomerText.Should().Be("my card [CARD] was charged twice\nthanks");
        contact.Turns.Should().Be(4);
        contact.CustomerId.Should().Be("1");
    }

    [Fact]
    public async Task JsonLines_TurnsArrayAndNestedFields_KeepSpeakersApart()
    {
        string path = _ingest.Folder.Write("dialogues.jsonl",
            """
            {"id": "d1", "who": {"id": "u1"}, "at": 1735725600, "turns": [{"role": "USER", "utterance": "I was charged twice, write to jo@example.com"}, {"role": "SYSTEM", "utterance": "Let me check."}], "intent": "double-charge"}
            this line is not JSON
            {"id": "d2", "who": {"id": "u2"}, "at": 1735725700, "turns": [{"role": "ROBOT", "utterance": "?"}]}

            {"id": "d3", "who": {"id": "u3"}, "at": 1735725800, "turns": [["customer", "Where is my parcel?"], ["agent", "On its way."]]}
            """);
        var source = new SourceOptions
        {
            Path = path,
            Fields = new() { ["ContactId"] = "id", ["CustomerId"] = "who.id", ["StartedAt"] = "at", ["Transcript"] = "turns", ["Disposition"] = "intent" },
            Defaults = new() { ["Channel"] = "chat" },
            TimeFormats = ["unix-seconds"],
            Transcript = new TranscriptOptions { Shape = "turns-json", Speaker = "role", Text = "utterance" },
        };

        var report = await _ingest.IngestAsync(contacts: source);

        var contacts = (await _ingest.ContactsAsync()).OrderBy(c => c.ContactId).ToList();
        contacts.Select(c => c.ContactId).Should().Equal("d1", "d3");
        contacts[0].Transcript.Should().Be("Customer: I was charged twice, write to [EMAIL]\nAgent: Let me check.");
        contacts[0].CustomerId.Should().Be("u1");
        contacts[0].Disposition.Should().Be("double-charge");
        contacts[0].StartedAt.Should().Be(new DateTime(2025, 1, 1, 10, 0, 0));
        contacts[1].CustomerText.Should().Be("Where is my parcel?");
        var quarantine = await _ingest.QuarantineAsync();
        quarantine.Select(q => (q.Row, q.Field)).Should().BeEquivalentTo(new[] { (2L, "(record)"), (3L, "transcript (source 'turns')") });
        quarantine.Single(q => q.Row == 3).Reason.Should().Contain("'ROBOT'");
        report.Sources[0].Should().Match<SourceReport>(s => s.RowsRead == 4 && s.RowsStored == 2 && s.RowsQuarantined == 2);
    }

    [Fact]
    public async Task TurnRows_GroupedByContact_OrderedByTheOrderColumn()
    {
        string path = _ingest.Folder.Write("turns.csv", string.Join('\n',
            "conversation,customer,start,speaker,seq,text",
            "k1,c1,2025-02-01T10:00:00Z,agent,2,Sorry to hear that.",
            "k1,c1,2025-02-01T10:00:00Z,customer,1,My order 12345678 arrived broken.",
            "k1,c1,2025-02-01T10:00:00Z,customer,3,",
            "k2,c2,2025-02-01T11:00:00Z,customer,1,Refund please.",
            "k1,c1,2025-02-01T10:00:00Z,customer,4,One more thing."));
        var source = new SourceOptions
        {
            Path = path,
            Fields = new() { ["ContactId"] = "conversation", ["CustomerId"] = "customer", ["StartedAt"] = "start" },
            Defaults = new() { ["Channel"] = "chat" },
            Transcript = new TranscriptOptions { Shape = "turn-rows", Speaker = "speaker", Text = "text", Order = "seq" },
        };

        var report = await _ingest.IngestAsync(contacts: source);

        var contacts = (await _ingest.ContactsAsync()).OrderBy(c => c.ContactId).ToList();
        contacts[0].Transcript.Should().Be("Customer: My order 12345678 arrived broken.\nAgent: Sorry to hear that.");
        contacts[0].SourceRow.Should().Be(1);
        contacts[1].CustomerText.Should().Be("Refund please.");
        var quarantine = await _ingest.QuarantineAsync();
        quarantine.Select(q => (q.Row, q.Field)).Should().BeEquivalentTo(new[] { (3L, "text"), (5L, "contact_id (source 'conversation')") });
        quarantine.Single(q => q.Row == 5).Reason.Should().Contain("sort the export by contact id");
        report.Sources[0].Should().Match<SourceReport>(s => s.RowsRead == 5 && s.RowsStored == 3 && s.RowsQuarantined == 2 && s.Added == 2);
    }

    [Fact]
    public async Task Parquet_WithItsOwnColumnNames_IsMapped()
    {
        string path = _ingest.Folder.File("orders.parquet");
        await ParquetSerializer.SerializeAsync(new[]
        {
            new ExportedOrder { Id = 1, Buyer = "c1", PlacedAt = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), Total = 19.99m, State = "R" },
            new ExportedOrder { Id = 2, Buyer = "c2", PlacedAt = new DateTime(2025, 1, 3, 0, 0, 0, DateTimeKind.Utc), Total = 5m, State = "C" },
        }, path);
        var source = new SourceOptions
        {
            Path = path,
            Fields = new() { ["OrderId"] = "Id", ["CustomerId"] = "Buyer", ["OrderedAt"] = "PlacedAt", ["Amount"] = "Total", ["Status"] = "State" },
            Values = new() { ["Status"] = new() { ["R"] = "returned", ["C"] = "completed" } },
        };

        await _ingest.IngestAsync(purchases: source);

        (await _ingest.PurchasesAsync()).Select(p => (p.OrderId, p.CustomerId, p.OrderedAt, p.Amount, p.Status)).Should().Equal(
            ("1", "c1", new DateTime(2025, 1, 2, 3, 4, 5), 19.99, "returned"), ("2", "c2", new DateTime(2025, 1, 3), 5.0, "completed"));
    }

    [Fact]
    public async Task Folder_WithABinaryFile_NamesItAndStillIngestsTheOthers()
    {
        _ingest.Folder.Write("drop/a.csv", "order_id,customer_id,ordered_at,amount\no1,c1,2025-03-01,20\n");
        File.WriteAllBytes(_ingest.Folder.File("drop/b.csv"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02]);
        _ingest.Folder.Write("drop/c.csv", "order_id;customer_id;ordered_at;amount\no9;c9;2025-03-01;20\n");
        _ingest.Folder.Write("drop/d.csv", "order_id,customer_id,ordered_at,amount\no2,c2,2025-03-02,30\n");

        var report = await _ingest.IngestAsync(purchases: new SourceOptions { Path = _ingest.Folder.File("drop") });

        var purchases = report.Sources.Single(s => s.Source == LakeTables.Purchases);
        purchases.Inputs.Select(i => (Path.GetFileName(i.Input), i.Error is null)).Should().Equal(("a.csv", true), ("b.csv", false), ("c.csv", false), ("d.csv", true));
        purchases.Inputs[1].Error.Should().Contain("binary");
        purchases.Inputs[2].Error.Should().Contain("'order_id'").And.Contain("is the delimiter right?");
        purchases.Error.Should().Contain("b.csv").And.Contain("c.csv");
        (await _ingest.PurchasesAsync()).Select(p => p.OrderId).Should().Equal("o1", "o2");
    }

    [Fact]
    public async Task Redaction_IsOnByDefault_AndNoRawIdentifierReachesTheLake()
    {
        string path = _ingest.Folder.Write("contacts.csv", "contact_id,customer_id,started_at,channel,transcript\n" +
            "k1,c1,2025-03-01T10:00:00Z,chat,\"Customer: I'm ann.lee@example.org, +44 7700 900123, card 5555 5555 5555 4444, order 4111111111111112\"\n" +
            "k2,c1,not-a-time,chat,\"Customer: reach me at ann.lee@example.org\"\n");

        await _ingest.IngestAsync(contacts: new SourceOptions { Path = path });

        (await _ingest.ContactsAsync()).Single().CustomerText.Should().Be("I'm [EMAIL], [PHONE], card [CARD], order 4111111111111112");
        (await _ingest.QuarantineAsync()).Single().Raw.Should().Contain("[EMAIL]").And.NotContain("ann.lee");
        foreach (string file in Directory.EnumerateFiles(_ingest.Lake.Folder, "*", SearchOption.AllDirectories))
        {
            Encoding.UTF8.GetString(File.ReadAllBytes(file)).Should().NotContain("ann.lee").And.NotContain("5555 5555", file);
        }
    }

    [Fact]
    public async Task Redaction_Off_KeepsTheText()
    {
        string path = _ingest.Folder.Write("contacts.csv", "contact_id,customer_id,started_at,channel,transcript\nk1,c1,2025-03-01T10:00:00Z,chat,mail ann@example.org\n");

        await _ingest.IngestAsync(new IngestOptions { Contacts = new SourceOptions { Path = path }, Redaction = new RedactionOptions { Enabled = false } });

        (await _ingest.ContactsAsync()).Single().CustomerText.Should().Be("mail ann@example.org");
    }

    [Fact]
    public void Validator_WrongMapping_NamesTheSourceAndWhatIsWrong()
    {
        var options = new IngestOptions
        {
            Contacts = new SourceOptions { Path = "x.csv", Fields = new() { ["Transcrpt"] = "text" } },
            Purchases = new SourceOptions { Path = "y.csv", TimeZone = "Mars/Olympus" },
            Customers = new SourceOptions { Path = "z.csv", Format = "xml" },
        };

        var result = new IngestOptionsValidator().Validate(null, options);

        result.Failures.Should().BeEquivalentTo(
            "Input:Contacts: 'Transcrpt' is not a field of this source (the fields are ContactId, CustomerId, StartedAt, Channel, Transcript, AgentId, Queue, Disposition, HandleSeconds, UpdatedAt)",
            "Input:Purchases: 'Mars/Olympus' is not a known time zone (use an IANA name such as Europe/Berlin)",
            "Input:Customers: Format 'xml' is not one of csv, jsonl, json, parquet, postgres");
    }

    [Fact]
    public async Task Customers_AttributesAndACancelledFlag_AreStoredRedacted_AndABadFlagIsQuarantined()
    {
        string path = _ingest.Folder.File("customers.csv");
        File.WriteAllText(path, string.Join("\n",
            "id,plan,monthly,note,churned",
            "c1,Pro,29.5,mail me at ann@example.com,Yes",
            "c2,Basic,,,no",
            "c3,Basic,9,,maybe"));
        var source = new SourceOptions
        {
            Path = path,
            Fields = new() { ["CustomerId"] = "id", ["Cancelled"] = "churned" },
            Attributes = ["plan", "monthly", "note"],
        };

        var report = await _ingest.IngestAsync(customers: source);

        var customers = (await _ingest.Lake.ReadAllAsync<CustomerRecord>(LakeTables.Customers)).OrderBy(c => c.CustomerId).ToList();
        customers.Select(c => (c.CustomerId, c.Cancelled)).Should().Equal(("c1", true), ("c2", false));
        customers[0].Attributes.Should().Be("""{"monthly":"29.5","note":"mail me at [EMAIL]","plan":"Pro"}""");
        customers[1].Attributes.Should().Be("""{"monthly":null,"note":null,"plan":"Basic"}""");
        var bad = (await _ingest.QuarantineAsync()).Single();
        (bad.Row, bad.Field).Should().Be((3, "cancelled (source 'churned')"));
        bad.Reason.Should().Contain("'maybe' is not yes/no");
        report.Sources.Single(s => s.Source == "customers").RowsQuarantined.Should().Be(1);
    }

    [Fact]
    public async Task Customers_AttributeColumnMissing_IsAnErrorNamingTheFileAndColumn()
    {
        string path = _ingest.Folder.File("customers.csv");
        File.WriteAllText(path, "id,plan\nc1,Pro\n");

        var report = await _ingest.IngestAsync(customers: new SourceOptions { Path = path, Fields = new() { ["CustomerId"] = "id" }, Attributes = ["plan", "tenure"] });

        report.Sources.Single(s => s.Source == "customers").Error.Should().Contain(path).And.Contain("'tenure'");
    }

    public void Dispose() => _ingest.Dispose();

    private sealed class ExportedOrder
    {
        public int Id { get; set; }
        public string Buyer { get; set; } = "";
        public DateTime PlacedAt { get; set; }
        public decimal Total { get; set; }
        public string State { get; set; } = "";
    }
}
