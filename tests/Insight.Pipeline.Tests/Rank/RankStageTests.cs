using Insight.Pipeline.Churn;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Rank;

public sealed class RankStageTests : IDisposable
{
    private static readonly DateTime AsOf = Some.Day(100);
    private readonly TempFolder _folder = new();
    private readonly ParquetLake _lake;

    public RankStageTests() => _lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("lake") }));

    [Fact]
    public async Task Run_RootCauseThatDrivesChurn_RanksAboveOneThatOnlyCostsContacts()
    {
        // Mis-picks: 12 cheap contacts from loyal customers. Double charges: 10 contacts from customers about to leave.
        var contacts = Customers("m", 12).Select((c, i) => new ContactBuilder().ForCustomer(c).OnDay(50 + i).Build())
            .Concat(Customers("d", 10).Select((c, i) => new ContactBuilder().ForCustomer(c).About("double-charge", "billing").OnDay(50 + i).Build()))
            .ToList();
        var scores = Customers("m", 12).Select(c => Score(c, 0.05, 100)).Concat(Customers("d", 10).Select(c => Score(c, 0.8, 100))).ToList();

        var fixes = await RankAsync(contacts, scores);

        fixes.Select(f => f.RootCause).Should().Equal("double-charge", "mis-pick");
        fixes.Should().BeInDescendingOrder(f => f.Impact);
        var doubleCharge = fixes[0];
        doubleCharge.RevenueAtRisk.Should().BeApproximately(10 * 0.8 * 100, 0.01);
        doubleCharge.ChurnUplift.Should().BeApproximately(0.8 - 0.05, 1e-9, "the mis-pick customers are its comparable unaffected peers");
        doubleCharge.ExcessRevenueAtRisk.Should().BeApproximately(10 * 0.75 * 100, 0.01);
        doubleCharge.ContactCost.Should().Be(10 * 6.0);
        doubleCharge.Impact.Should().BeApproximately(750 + 60, 0.01);
        fixes[1].ChurnUplift.Should().BeNegative();
        fixes[1].ExcessRevenueAtRisk.Should().Be(0);
        doubleCharge.Owner.Should().Be("billing");
        doubleCharge.Rank.Should().Be(1);
    }

    [Fact]
    public async Task Run_FrequentHarmlessRootCause_RanksBelowRareOneThatDrivesChurn()
    {
        // 300 customers, half big spenders: each spend band churns at its own rate (0.3 big, 0.1 small).
        // Mis-picks touch 80 of them, a cross-section, and change nothing. Double charges touch 10 big
        // spenders, whose churn is 0.9. The other 210 never get in touch.
        var scores = Customers("c", 300).Select((c, i) => Score(c, i % 2 == 0 ? 0.3 : 0.1, i % 2 == 0 ? 500 : 50)).ToList();
        var charged = Enumerable.Range(80, 20).Where(i => i % 2 == 0).ToList();
        charged.ForEach(i => scores[i] = Score(scores[i].CustomerId, 0.9, 500));
        var contacts = scores.Take(80).Select((s, i) => new ContactBuilder().ForCustomer(s.CustomerId).OnDay(50 + (i % 30)).Build())
            .Concat(charged.Select((i, k) => new ContactBuilder().ForCustomer(scores[i].CustomerId).About("double-charge", "billing").OnDay(50 + k).Build()))
            .ToList();

        var fixes = await RankAsync(contacts, scores);

        fixes.Select(f => f.RootCause).Should().Equal("double-charge", "mis-pick");
        var misPick = fixes[1];
        misPick.RevenueAtRisk.Should().BeGreaterThan(fixes[0].RevenueAtRisk, "gross revenue at risk alone would rank the frequent root cause first");
        misPick.ChurnUplift.Should().BeApproximately(0, 0.05);
        fixes[0].ChurnUplift.Should().BeApproximately(0.9 - 0.3, 1e-9);
    }

    [Fact]
    public async Task Run_TiedImpact_OrdersByRootCauseId()
    {
        var contacts = Customers("a", 10).Select(c => new ContactBuilder().ForCustomer(c).About("mis-pick").OnDay(60).Build())
            .Concat(Customers("b", 10).Select(c => new ContactBuilder().ForCustomer(c).About("lost-parcel", "logistics").OnDay(60).Build()))
            .ToList();

        var fixes = await RankAsync(contacts, []);

        fixes.Select(f => f.RootCause).Should().Equal("lost-parcel", "mis-pick");
    }

    [Fact]
    public async Task Run_FewerContactsThanMinimumOrOutsidePeriod_AreNotRanked()
    {
        var contacts = Customers("a", 9).Select(c => new ContactBuilder().ForCustomer(c).OnDay(60).Build())
            .Concat(Customers("b", 20).Select(c => new ContactBuilder().ForCustomer(c).About("lost-parcel", "logistics").OnDay(5).Build()))
            .ToList();

        (await RankAsync(contacts, [])).Should().BeEmpty();
    }

    [Fact]
    public async Task Run_RepeatsAndFcr_ComeFromTheIssues()
    {
        var contacts = Customers("a", 10).SelectMany(c => new[] { new ContactBuilder().ForCustomer(c).OnDay(40).Build(), new ContactBuilder().ForCustomer(c).OnDay(42).Via("chat").Build() })
            .Concat(Customers("b", 10).Select(c => new ContactBuilder().ForCustomer(c).OnDay(40).Build()))
            .ToList();

        var fix = (await RankAsync(contacts, [])).Should().ContainSingle().Subject;

        fix.Should().Match<UpstreamFix>(f => f.Contacts == 30 && f.Issues == 20 && f.RepeatContacts == 10 && f.FcrRate == 0.5 && f.CustomersAffected == 20);
        fix.ContactCost.Should().Be((20 * 6.0) + (10 * 3.5));
    }

    [Fact]
    public async Task Run_AtRiskList_SkipsLostAndLowRiskCustomersAndSortsByValueAtRisk()
    {
        var scores = new[] { Score("low", 0.1, 1000), Score("lost", 0.99, 1000, alreadyChurned: true), Score("a", 0.5, 100), Score("b", 0.3, 1000) };
        await RankAsync([], scores);

        var atRisk = Csv.Read(Path.Combine(_folder.File("out"), "at-risk-customers.csv"));

        atRisk.Select(r => r["customer_id"]).Should().Equal("b", "a");
        atRisk.Select(r => r["rank"]).Should().Equal("1", "2");
        atRisk[0].Keys.Should().Contain(["rank", "customer_id", "churn_probability", "value_at_risk", "reasons", "suggested_action"]);
    }

    private async Task<List<UpstreamFix>> RankAsync(List<LabeledContact> contacts, IReadOnlyCollection<ChurnScore> scores)
    {
        var resolution = new ResolutionOptions();
        await _lake.WriteAsync(LakeTables.LabeledContacts, contacts);
        var members = new List<IssueContact>();
        await _lake.WriteAsync(LakeTables.Issues, IssueBuilder.Build(contacts, resolution, AsOf, members));
        await _lake.WriteAsync(LakeTables.IssueContacts, members);
        await _lake.WriteAsync(LakeTables.ChurnScores, scores);
        var options = new RankingOptions { CostPerContact = new(StringComparer.OrdinalIgnoreCase) { ["phone"] = 6.0, ["chat"] = 3.5 } };
        var stage = new RankStage(_lake, Some.Taxonomy, Options.Create(options));

        var report = await stage.RunAsync(AsOf, _folder.File("out"), CancellationToken.None);

        report.Outputs.Should().OnlyContain(path => File.Exists(path));
        var fixes = await Parquet.Serialization.ParquetSerializer.DeserializeAsync<UpstreamFix>(Path.Combine(_folder.File("out"), "upstream-fixes.parquet"));
        Csv.Read(Path.Combine(_folder.File("out"), "upstream-fixes.csv")).Select(r => r["root_cause"]).Should().Equal(fixes.Data.Select(f => f.RootCause));
        return [.. fixes.Data];
    }

    private static IEnumerable<string> Customers(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix}{i}");

    private static ChurnScore Score(string customerId, double probability, double expectedSpend, bool alreadyChurned = false) => new()
    {
        CustomerId = customerId,
        AsOf = AsOf,
        ChurnProbability = probability,
        ExpectedSpend = expectedSpend,
        ValueAtRisk = probability * expectedSpend,
        Tier = "high",
        Reasons = "r",
        SuggestedAction = "act",
        OwnerQueue = "retention-general",
        AlreadyChurned = alreadyChurned,
    };

    public void Dispose() => _folder.Dispose();
}
