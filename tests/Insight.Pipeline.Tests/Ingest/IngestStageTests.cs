using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Ingest;

public sealed class IngestStageTests : IDisposable
{
    private const string ContactsHeader = "contact_id,customer_id,started_at,channel,agent_id,queue,disposition,handle_seconds,transcript";
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Run_BadRows_AreQuarantinedWithFileRowFieldAndReason()
    {
        string contacts = _folder.Write("contacts.csv", string.Join('\n',
            ContactsHeader,
            "k1,c1,2025-03-01T10:00:00Z,phone,A1,orders,mis-pick,300,\"Customer: wrong item, mail me at a.b@example.com\"",
            "k2,c1,not-a-time,phone,A1,orders,,300,Customer: hello",
            "k3,c2,2025-03-02T10:00:00Z,pigeon,A1,orders,,300,Customer: hello",
            "k4,,2025-03-02T10:00:00Z,chat,A1,orders,,300,Customer: hello"));
        string purchases = _folder.Write("purchases.csv", "order_id,customer_id,ordered_at,amount\no1,c1,2025-03-01T09:00:00Z,20\no2,c1,2025-03-01T09:00:00Z,-5\n");

        var (stage, lake) = Create(contacts, purchases);
        var report = await stage.RunAsync(CancellationToken.None);

        report.Sources.Should().Contain(s => s.Source == "contacts" && s.RowsRead == 4 && s.RowsStored == 1 && s.RowsQuarantined == 3);
        report.Sources.Should().Contain(s => s.Source == "purchases" && s.RowsRead == 2 && s.RowsStored == 1 && s.RowsQuarantined == 1);
        var quarantine = await lake.ReadAllAsync<QuarantineRecord>(LakeTables.Quarantine);
        quarantine.Select(q => (q.File, q.Row, q.Field)).Should().BeEquivalentTo(new[]
        {
            (contacts, 2L, "started_at"),
            (contacts, 3L, "channel"),
            (contacts, 4L, "customer_id"),
            (purchases, 2L, "amount"),
        });
        quarantine.Should().OnlyContain(q => q.Reason.Length > 0 && q.Raw.Length > 0);
        quarantine.Select(q => q.Source).Should().Equal("contacts", "contacts", "contacts", "purchases");
    }

    [Fact]
    public async Task Run_StoredContact_IsRedactedAndSplitsCustomerTurns()
    {
        string contacts = _folder.Write("contacts.csv",
            ContactsHeader + "\nk1,c1,2025-03-01T10:00:00Z,Phone,A1,orders,,300,\"Agent: Hi\nCustomer: call me on 07700 912345 or a.b@example.com\"\n");
        var (stage, lake) = Create(contacts, "");

        await stage.RunAsync(CancellationToken.None);

        var stored = (await lake.ReadAllAsync<ContactRecord>(LakeTables.Contacts)).Should().ContainSingle().Subject;
        stored.Channel.Should().Be("phone");
        stored.Transcript.Should().Be("Agent: Hi\nCustomer: call me on [PHONE] or [EMAIL]");
        stored.CustomerText.Should().Be("call me on [PHONE] or [EMAIL]");
        stored.StartedAt.Should().Be(new DateTime(2025, 3, 1, 10, 0, 0));
        stored.SourceRow.Should().Be(1);
    }

    [Fact]
    public async Task Run_FileMissingARequiredColumn_NamesFileAndColumnAndStillIngestsOtherFiles()
    {
        string contacts = _folder.Write("contacts.csv", "contact_id,customer_id,started_at,channel\nk1,c1,2025-03-01T10:00:00Z,phone\n");
        string purchases = _folder.Write("purchases.csv", "order_id,customer_id,ordered_at,amount\no1,c1,2025-03-01T09:00:00Z,20\n");
        var (stage, lake) = Create(contacts, purchases);

        var report = await stage.RunAsync(CancellationToken.None);

        var contactsReport = report.Sources.Single(s => s.Source == "contacts");
        contactsReport.Error.Should().Contain(contacts).And.Contain("'transcript'");
        report.Sources.Single(s => s.Source == "purchases").RowsStored.Should().Be(1);
        (await lake.ReadAllAsync<PurchaseRecord>(LakeTables.Purchases)).Should().ContainSingle();
    }

    [Fact]
    public async Task Run_DuplicateIds_KeepTheLaterRowAndCountTheMerge()
    {
        string purchases = _folder.Write("purchases.csv", "order_id,customer_id,ordered_at,amount,status\no1,c1,2025-03-01T09:00:00Z,20,completed\no1,c1,2025-03-01T09:00:00Z,20,returned\n");
        var (stage, lake) = Create("", purchases);

        var report = await stage.RunAsync(CancellationToken.None);

        report.Sources.Single(s => s.Source == "purchases").Should().Match<SourceReport>(s => s.RowsRead == 2 && s.RowsStored == 2 && s.Added == 1 && s.Updated == 1 && s.TableRows == 1);
        (await lake.ReadAllAsync<PurchaseRecord>(LakeTables.Purchases)).Should().ContainSingle().Which.Status.Should().Be("returned");
    }

    [Fact]
    public async Task Run_EmptyOrAbsentFile_IsAnErrorNamingTheFile()
    {
        string empty = _folder.Write("contacts.csv", "");
        string absent = _folder.File("nope.csv");
        var (stage, _) = Create(empty, absent);

        var report = await stage.RunAsync(CancellationToken.None);

        report.Sources.Single(s => s.Source == "contacts").Error.Should().Contain(empty).And.Contain("empty");
        report.Sources.Single(s => s.Source == "purchases").Error.Should().Contain(absent).And.Contain("does not exist");
    }

    private (IngestStage Stage, ParquetLake Lake) Create(string contacts, string purchases)
    {
        var lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("lake") }));
        var options = Options.Create(new IngestOptions { Contacts = new SourceOptions { Path = contacts }, Purchases = new SourceOptions { Path = purchases } });
        return (new IngestStage(lake, options, NullLogger<IngestStage>.Instance), lake);
    }

    public void Dispose() => _folder.Dispose();
}
