using System.Globalization;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Demo;

public sealed class DemoWorldFixture : IDisposable
{
    public DemoWorldFixture()
    {
        Manifest = new DemoWorldGenerator(Some.Taxonomy).Generate(1_500, 300, 7, Some.Day0, Folder.Path);
        Contacts = Csv.Read(Path.Combine(Folder.Path, DemoFiles.Contacts));
        Purchases = Csv.Read(Path.Combine(Folder.Path, DemoFiles.Purchases));
        TruthContacts = Csv.Read(Path.Combine(Folder.Path, DemoFiles.TruthFolder, DemoFiles.TruthContacts));
        TruthCustomers = Csv.Read(Path.Combine(Folder.Path, DemoFiles.TruthFolder, DemoFiles.TruthCustomers));
    }

    internal TempFolder Folder { get; } = new();

    public DemoManifest Manifest { get; }

    public List<Dictionary<string, string>> Contacts { get; }

    public List<Dictionary<string, string>> Purchases { get; }

    public List<Dictionary<string, string>> TruthContacts { get; }

    public List<Dictionary<string, string>> TruthCustomers { get; }

    public void Dispose() => Folder.Dispose();
}

public sealed class DemoWorldGeneratorTests(DemoWorldFixture world) : IClassFixture<DemoWorldFixture>
{
    [Fact]
    public void Generate_SameSeed_WritesIdenticalFiles()
    {
        using var again = new TempFolder();
        new DemoWorldGenerator(Some.Taxonomy).Generate(1_500, 300, 7, Some.Day0, again.Path);

        foreach (string file in new[] { DemoFiles.Contacts, DemoFiles.Purchases, DemoFiles.Customers, Path.Combine(DemoFiles.TruthFolder, DemoFiles.TruthContacts) })
        {
            File.ReadAllBytes(Path.Combine(again.Path, file)).Should().Equal(File.ReadAllBytes(Path.Combine(world.Folder.Path, file)), file);
        }
    }

    [Fact]
    public void Generate_SameSeedInAnyProcess_WritesThisExactWorld()
    {
        // Pinned so that anything seeded differently per process (e.g. HashCode) fails here; the
        // same-process comparison above cannot see that. Update the hash only when the simulation is
        // meant to change: `insight generate --customers 20 --days 60 --seed 3 --start 2025-06-01`.
        using var tiny = new TempFolder();
        new DemoWorldGenerator(Some.Taxonomy).Generate(20, 60, 3, Some.Day0, tiny.Path);
        string[] files = ["contacts.csv", "customers.csv", "purchases.csv", "truth/contacts.csv", "truth/customers.csv"];

        byte[] all = [.. files.SelectMany(f => File.ReadAllBytes(Path.Combine(tiny.Path, f)))];

        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(all))
            .Should().Be("73a67ca821baf90960f942eab708d6846432ca0f3d73eb3b9a55ec1c58d5ef14");
    }

    [Fact]
    public void Generate_AHigherContactRate_GivesMoreContactsPerCustomer_WithPurchasesAndChurnMuchAsTheyWere()
    {
        using var busy = new TempFolder();
        var manifest = new DemoWorldGenerator(Some.Taxonomy).Generate(1_500, 300, 7, Some.Day0, busy.Path, contactRate: 3);

        manifest.ContactRate.Should().Be(3);
        manifest.Generator.Should().Be(DemoWorldGenerator.Version);
        world.Manifest.ContactRate.Should().Be(1);
        ((double)manifest.Contacts / world.Manifest.Contacts).Should().BeInRange(2.5, 3.5);
        ((double)manifest.Purchases / world.Manifest.Purchases).Should().BeInRange(0.9, 1.1);
        ((double)manifest.Churners / world.Manifest.Churners).Should().BeInRange(0.8, 1.25);
        Csv.Read(Path.Combine(busy.Path, DemoFiles.Contacts)).Should().HaveCount((int)manifest.Contacts);
    }

    [Fact]
    public void Generate_OtherSeed_WritesAnotherWorld()
    {
        using var other = new TempFolder();
        new DemoWorldGenerator(Some.Taxonomy).Generate(1_500, 300, 8, Some.Day0, other.Path);

        File.ReadAllText(Path.Combine(other.Path, DemoFiles.Contacts)).Should().NotBe(File.ReadAllText(Path.Combine(world.Folder.Path, DemoFiles.Contacts)));
    }

    [Fact]
    public void Generate_Truth_NamesTheRootCauseOfEveryContact()
    {
        world.TruthContacts.Select(t => t["contact_id"]).Should().BeEquivalentTo(world.Contacts.Select(c => c["contact_id"]));
        world.TruthContacts.Should().OnlyContain(t => Some.Taxonomy.Contains(t["root_cause"]));
        world.Manifest.Contacts.Should().Be(world.Contacts.Count);
    }

    [Fact]
    public void Generate_Dispositions_AreOnAboutSixtyPercentAndAboutTenPercentWrong()
    {
        var truth = world.TruthContacts.ToDictionary(t => t["contact_id"], t => t["root_cause"]);
        var labelled = world.Contacts.Where(c => c["disposition"].Length > 0).ToList();

        (labelled.Count / (double)world.Contacts.Count).Should().BeApproximately(0.6, 0.05);
        (labelled.Count(c => c["disposition"] != truth[c["contact_id"]]) / (double)labelled.Count).Should().BeApproximately(0.1, 0.04);
    }

    [Fact]
    public void Generate_Transcripts_AreMultiTurnWithPersonalDataToRedact()
    {
        world.Contacts.Should().OnlyContain(c => c["transcript"].Contains("Customer: ", StringComparison.Ordinal));
        world.Contacts.Count(c => c["transcript"].Contains("Agent: ", StringComparison.Ordinal)).Should().BeGreaterThan(world.Contacts.Count / 2);
        world.Contacts.Should().Contain(c => c["transcript"].Contains("@example.com", StringComparison.Ordinal));
        world.Contacts.Should().Contain(c => c["transcript"].Contains("You can call me on", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_Incident_SpikesItsRootCauseInItsWindow()
    {
        var incident = world.Manifest.Incident;
        var times = world.TruthContacts.Where(t => t["root_cause"] == incident.RootCause)
            .Join(world.Contacts, t => t["contact_id"], c => c["contact_id"], (_, c) => DateTime.Parse(c["started_at"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal))
            .ToList();
        double inWindow = times.Count(t => t >= incident.Start && t < incident.End.AddDays(10)) / ((incident.End - incident.Start).TotalDays + 10);
        double before = times.Count(t => t < incident.Start) / (incident.Start - world.Manifest.Start).TotalDays;

        inWindow.Should().BeGreaterThan(4 * before);
    }

    [Fact]
    public void Generate_UnresolvedProblems_RaiseChurn()
    {
        var repeaters = world.TruthContacts.Where(t => t["is_repeat"] == "true").Select(t => t["customer_id"]).ToHashSet();
        var contacted = world.TruthContacts.Select(t => t["customer_id"]).ToHashSet();
        double ChurnRate(IEnumerable<Dictionary<string, string>> customers) => customers.Average(c => c["churned"] == "true" ? 1.0 : 0.0);

        double repeaterChurn = ChurnRate(world.TruthCustomers.Where(c => repeaters.Contains(c["customer_id"])));
        double quietChurn = ChurnRate(world.TruthCustomers.Where(c => !contacted.Contains(c["customer_id"])));

        repeaterChurn.Should().BeGreaterThan(quietChurn + 0.1);
    }
}
