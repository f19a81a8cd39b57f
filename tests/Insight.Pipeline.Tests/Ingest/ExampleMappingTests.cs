using System.Globalization;
using System.Text.Json;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Configuration;

namespace Insight.Pipeline.Tests.Ingest;

/// <summary>
/// Each mapping in <c>config/examples/</c> ingests its real public data set from <c>../shared/data</c>
/// (read in place) with the counts the files hold. Skipped, with the reason, where the data is absent.
/// </summary>
public sealed class ExampleMappingTests : IDisposable
{
    private static readonly string Root = FindRoot();
    private static readonly string Data = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
    private readonly IngestHarness _ingest = new();

    [SkippableFact]
    public async Task Banking77_BothSplits_OneContactPerQueryWithItsIntent()
    {
        var report = await IngestExampleAsync("banking77");

        long expected = CsvRows("banking77/train.csv") + CsvRows("banking77/test.csv");
        expected.Should().Be(13_083);
        AllStored(report.Sources[0], expected);
        var contacts = await _ingest.ContactsAsync();
        contacts.Select(c => c.ContactId).Should().OnlyHaveUniqueItems();
        contacts.Select(c => c.Disposition).Distinct().Should().HaveCount(77);
        contacts.Should().Contain(c => c.ContactId == "train.csv-1" && c.CustomerText == "I am still waiting on my card?" && c.Disposition == "card_arrival");
    }

    [SkippableFact]
    public async Task Bitext_EveryRequest_WithIntentAndCategory()
    {
        var report = await IngestExampleAsync("bitext");

        AllStored(report.Sources[0], CsvRows("bitext-customer-support/Bitext_Sample_Customer_Support_Training_Dataset.csv"));
        report.Sources[0].RowsRead.Should().Be(4_514);
        var contacts = await _ingest.ContactsAsync();
        contacts.Select(c => c.Disposition).Distinct().Should().HaveCount(27);
        contacts.Select(c => c.Queue).Distinct().Should().HaveCount(11);
    }

    [SkippableFact]
    public async Task HarperValleyBank_OneStringPerCall_SplitsAgentAndCallerTurns()
    {
        var report = await IngestExampleAsync("hvb-transcripts-flat");

        AllStored(report.Sources[0], 1_446);
        var contacts = await _ingest.ContactsAsync();
        contacts.Should().OnlyContain(c => c.Turns >= 2 && c.Transcript.Contains("Agent: ") && c.Transcript.Contains("Customer: "));
        var first = contacts.Single(c => c.ContactId == "hvb-1");
        first.Transcript.Should().StartWith("Agent: hello this is harper valley national bank");
        first.CustomerText.Should().Contain("i lost my debit card").And.NotContain("harper valley national bank");
    }

    [SkippableFact]
    public async Task SchemaGuidedDialogue_TurnsArrays_KeepUserAndSystemApart()
    {
        var report = await IngestExampleAsync("sgd-banking-payment");

        long expected = Directory.GetFiles(Path.Combine(Data, "sgd-banking-payment-subset"), "*_banks_payment_dialogues.jsonl")
            .Sum(f => File.ReadLines(f).Count(l => l.Trim().Length > 0));
        AllStored(report.Sources[0], expected);
        var contacts = await _ingest.ContactsAsync();
        contacts.Select(c => c.ContactId).Should().OnlyHaveUniqueItems();
        var dialogue = contacts.Single(c => c.ContactId == "train_banks_payment_dialogues.jsonl:40_00029");
        dialogue.Transcript.Should().StartWith("Customer: Go with my checking account as i need to make a transfer\nAgent: whom do you want to send money?");
        dialogue.Disposition.Should().Be("TransferMoney");
        contacts.Sum(c => c.Turns).Should().Be(13_654 + 3_628 + 2_034, "every turn of every dialogue is kept");
    }

    [SkippableFact]
    public async Task Abcd_ConversationsWithActions_AndOneWithoutACustomerIsQuarantined()
    {
        var report = await IngestExampleAsync("abcd-sample");

        report.Sources[0].Should().Match<SourceReport>(s => s.RowsRead == 3 && s.RowsStored == 2 && s.RowsQuarantined == 1);
        var contact = (await _ingest.ContactsAsync()).Single(c => c.ContactId == "abcd-3592");
        contact.CustomerId.Should().Be("cminh730");
        contact.Disposition.Should().Be("return_size");
        contact.Transcript.Should().Contain("\nSystem: Account has been pulled up for Crystal Minh.");
        contact.CustomerText.Should().Contain("I got the wrong size.").And.NotContain("pulled up");
        // Conversation 3695 has no username in its scenario: kept in the quarantine, with its phone number redacted.
        var bad = (await _ingest.QuarantineAsync()).Single();
        (bad.Row, bad.Field, bad.Reason).Should().Be((3L, "customer_id (source 'scenario.personal.username')", "is empty"));
        bad.Raw.Should().Contain("\"convo_id\": 3695").And.Contain("[PHONE]");
        foreach (string file in Directory.EnumerateFiles(_ingest.Lake.Folder, "*.parquet", SearchOption.AllDirectories))
        {
            System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(file)).Should().NotContain("cminh730@email.com").And.NotContain("(977) 625-2661");
        }
    }

    [SkippableFact]
    public async Task TelcoChurn_EveryCustomerWithTheirContract()
    {
        var report = await IngestExampleAsync("telco-churn");

        AllStored(report.Sources[2], CsvRows("telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv"));
        report.Sources[2].TableRows.Should().Be(7_043);
        var customers = await _ingest.Lake.ReadAllAsync<CustomerRecord>(LakeTables.Customers);
        customers.GroupBy(c => c.Segment).Select(g => g.Key).Should().BeEquivalentTo("Month-to-month", "One year", "Two year");
        customers.Should().Contain(c => c.CustomerId == "9578-FOMUK" && c.Segment == "Month-to-month");
        customers.Count(c => c.Cancelled == true).Should().Be(1_869, "the file's Churn column has 1,869 Yes");
        customers.Should().OnlyContain(c => c.Cancelled != null && c.Attributes != null);
        var first = JsonSerializer.Deserialize<Dictionary<string, string?>>(customers.Single(c => c.CustomerId == "7590-VHVEG").Attributes!)!;
        first.Should().HaveCount(19).And.Contain("tenure", "1").And.Contain("PaymentMethod", "Electronic check").And.Contain("TotalCharges", "29.85");
        customers.Count(c => JsonSerializer.Deserialize<Dictionary<string, string?>>(c.Attributes!)!["TotalCharges"] is null)
            .Should().Be(11, "11 rows have a blank TotalCharges, kept as missing");
    }

    [SkippableFact]
    public async Task Cdnow_FixedWidthTransactionLog_EveryPurchaseAndCustomer()
    {
        var report = await IngestExampleAsync("cdnow");

        var lines = File.ReadLines(Path.Combine(Data, "cdnow", "CDNOW_master.txt")).Skip(1).Where(l => l.Trim().Length > 0).ToList();
        AllStored(report.Sources[1], lines.Count);
        lines.Count.Should().Be(69_659);
        var purchases = await _ingest.PurchasesAsync();
        purchases.Select(p => p.CustomerId).Distinct().Should().HaveCount(23_570);
        purchases.Sum(p => p.Amount).Should().BeApproximately(
            lines.Sum(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture)), 0.01);
        purchases.Should().Contain(p => p.OrderId == "00001-1" && p.OrderedAt == new DateTime(1997, 1, 1) && p.Amount == 11.77);
        (report.FirstEvent, report.LastEvent).Should().Be((new DateTime(1997, 1, 1), new DateTime(1998, 6, 30)));
    }

    [Fact]
    public void Examples_EveryShippedMapping_IsValidAndTested()
    {
        var shipped = Directory.GetFiles(Path.Combine(Root, "config", "examples"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        shipped.Should().BeEquivalentTo("banking77", "bitext", "hvb-transcripts-flat", "sgd-banking-payment", "abcd-sample", "telco-churn", "cdnow");
        foreach (string name in shipped)
        {
            var options = Load(name);
            new IngestOptionsValidator().Validate(null, options).Failed.Should().BeFalse(name);
            JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "config", "examples", name + ".json"))).RootElement
                .GetProperty("Lake").GetProperty("Folder").GetString().Should().StartWith("data/examples/", "examples keep out of the demo lake");
        }
    }

    public void Dispose() => _ingest.Dispose();

    private async Task<IngestReport> IngestExampleAsync(string name)
    {
        Skip.IfNot(Directory.Exists(Data), $"the public data sets are not at {Data}");
        var options = Load(name);
        foreach (var (_, source) in options.Sources())
        {
            if (source.Path.Length > 0)
            {
                source.Path = Path.GetFullPath(Path.Combine(Root, source.Path));
            }
        }

        var report = await _ingest.IngestAsync(options);
        report.Sources.Should().OnlyContain(s => s.Error == null);
        return report;
    }

    private static IngestOptions Load(string name)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "config", "examples", name + ".json")).Build();
        return configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions();
    }

    private static void AllStored(SourceReport report, long rows)
    {
        report.RowsRead.Should().Be(rows);
        report.RowsStored.Should().Be(rows);
        report.RowsQuarantined.Should().Be(0);
        report.Added.Should().Be(rows);
    }

    /// <summary>Data records of a CSV file, counted by CsvHelper independently of the ingest.</summary>
    private static long CsvRows(string relative)
    {
        using var reader = CsvHelper.CsvReader.FromFile(Path.Combine(Data, relative), CsvHelper.CsvReaderOptions.Default with { Separator = ',' });
        long rows = 0;
        while (reader.Read())
        {
            rows++;
        }

        return rows;
    }

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Insight.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Insight.sln not found above " + AppContext.BaseDirectory);
    }
}
