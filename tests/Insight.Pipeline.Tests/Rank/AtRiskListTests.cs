using Insight.Pipeline.Churn;
using Insight.Pipeline.Rank;

namespace Insight.Pipeline.Tests.Rank;

public sealed class AtRiskListTests
{
    [Fact]
    public void List_CapsEachQueue_FlagsControls_AndLeavesOutTheLostAndTheSafe()
    {
        // 300 customers in two queues, value at risk falling with the number.
        var scores = Enumerable.Range(0, 300).Select(i => new ChurnScore
        {
            CustomerId = $"c{i:D3}",
            ChurnProbability = i % 50 == 49 ? 0.1 : 0.6,
            ValueAtRisk = 1_000 - i,
            OwnerQueue = i % 3 == 0 ? "retention-billing" : "retention-general",
            AlreadyChurned = i % 25 == 0,
            SuggestedAction = "Call",
        }).ToList();
        var options = new RankingOptions { AtRiskCapPerQueue = 40, ControlShare = 0.1, AtRiskMinProbability = 0.25 };

        var list = AtRiskCustomer.List(scores, options);

        list.Should().NotContain(a => a.CustomerId == "c000" || a.CustomerId == "c025", "customers already lost are not at risk");
        list.Should().NotContain(a => a.CustomerId == "c049", "below the lowest probability");
        list.Select(a => a.Rank).Should().Equal(Enumerable.Range(1, list.Count));
        list.Should().BeInDescendingOrder(a => a.ValueAtRisk);
        foreach (var queue in list.GroupBy(a => a.OwnerQueue))
        {
            queue.Count(a => !a.Control).Should().Be(40, $"{queue.Key} is capped at 40 to contact");
        }

        var controls = list.Where(a => a.Control).ToList();
        controls.Should().NotBeEmpty().And.OnlyContain(a => a.SuggestedAction == AtRiskCustomer.ControlAction);
        controls.Should().OnlyContain(a => AtRiskCustomer.IsControl(a.CustomerId, 0.1));
        list.Where(a => !a.Control).Should().OnlyContain(a => a.SuggestedAction == "Call" && !AtRiskCustomer.IsControl(a.CustomerId, 0.1));
        double share = scores.Count(s => AtRiskCustomer.IsControl(s.CustomerId, 0.1)) / (double)scores.Count;
        share.Should().BeInRange(0.05, 0.15, "the hash holds out about the configured share");
    }

    [Fact]
    public void List_NoCapAndNoControl_ListsEveryActiveCustomerAtRisk()
    {
        var scores = Enumerable.Range(0, 50).Select(i => new ChurnScore { CustomerId = $"c{i}", ChurnProbability = 0.5, ValueAtRisk = i, OwnerQueue = "q" }).ToList();

        var list = AtRiskCustomer.List(scores, new RankingOptions { AtRiskCapPerQueue = 0, ControlShare = 0 });

        list.Should().HaveCount(50).And.OnlyContain(a => !a.Control);
    }
}
