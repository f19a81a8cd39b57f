using Insight.Pipeline.Resolve;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Resolve;

public sealed class ResolutionAnalyticsTests
{
    private static readonly ResolutionOptions Options = new();
    private static readonly DateTime AsOf = Some.Day(60);

    [Fact]
    public void Build_MarksEachContactFirstTransferOrRepeat()
    {
        var first = Some.Day(1).AddHours(10);
        var contacts = new[]
        {
            new ContactBuilder().WithId("a").At(first).Build(),
            new ContactBuilder().WithId("b").At(first.AddMinutes(5)).ByAgent("A2").Build(),
            new ContactBuilder().WithId("c").At(first.AddDays(3)).Via("chat").Build(),
        };
        var members = new List<IssueContact>();

        var issue = IssueBuilder.Build(contacts, Options, AsOf, members).Should().ContainSingle().Subject;

        members.Select(m => (m.ContactId, m.Role)).Should().Equal(("a", IssueContact.First), ("b", IssueContact.Transfer), ("c", IssueContact.Repeat));
        members.Should().OnlyContain(m => m.IssueId == issue.IssueId && m.RootCause == "mis-pick" && m.Owner == "warehouse");
        issue.RepeatContacts.Should().Be(1);
        issue.DaysToLastContact.Should().Be(3);
    }

    [Fact]
    public void Ledger_ChargesEachRepeatInThePeriodAtItsChannelCost()
    {
        var contacts = new[]
        {
            new ContactBuilder().WithId("first").OnDay(10).About("double-charge", "billing").Build(),
            new ContactBuilder().WithId("repeat-chat").OnDay(12).Via("chat").About("double-charge", "billing").Build(),
            new ContactBuilder().WithId("repeat-phone").OnDay(15).About("double-charge", "billing").Build(),
            new ContactBuilder().WithId("early").OnDay(1).ForCustomer("c2").Build(),
            new ContactBuilder().WithId("early-repeat").OnDay(3).ForCustomer("c2").Build(),
        };
        var members = new List<IssueContact>();
        IssueBuilder.Build(contacts, Options, AsOf, members);
        var cost = new Dictionary<string, double> { ["phone"] = 6, ["chat"] = 3.5 };

        var ledger = ResolutionAnalytics.Ledger(members, c => cost[c], Some.Day(5), AsOf);

        ledger.Select(e => (e.ContactId, e.RootCause, e.Owner, e.Cost)).Should().Equal(
            ("repeat-chat", "double-charge", "billing", 3.5),
            ("repeat-phone", "double-charge", "billing", 6.0));
    }

    [Fact]
    public void Rates_CountJudgedIssuesOnlyAndShowTheCounts()
    {
        var contacts = new[]
        {
            // c1: resolved first time on chat, in the billing queue.
            new ContactBuilder().ForCustomer("c1").OnDay(1).Via("chat").InQueue("billing").Build(),
            // c2: came back twice, first on phone.
            new ContactBuilder().ForCustomer("c2").OnDay(1).InQueue("orders").Build(),
            new ContactBuilder().ForCustomer("c2").OnDay(3).ByAgent("A2").Build(),
            new ContactBuilder().ForCustomer("c2").OnDay(5).ByAgent("A3").Build(),
            // c3: too recent to judge.
            new ContactBuilder().ForCustomer("c3").OnDay(58).Build(),
        };

        var rates = ResolutionAnalytics.Rates(IssueBuilder.Build(contacts, Options, AsOf));

        var all = rates.Single(r => r.Dimension == ResolutionRate.All);
        all.Should().Match<ResolutionRate>(r => r.Issues == 3 && r.JudgedIssues == 2 && r.ResolvedFirstTimeIssues == 1 && r.FcrRate == 0.5
            && r.Touches == 4 && r.RepeatContacts == 2 && r.RepeatRate == 0.5 && r.MeanTouches == 2 && r.MeanAgents == 2);
        rates.Single(r => r.Dimension == ResolutionRate.ByChannel && r.Value == "chat").FcrRate.Should().Be(1);
        rates.Single(r => r.Dimension == ResolutionRate.ByChannel && r.Value == "phone").Should().Match<ResolutionRate>(r => r.FcrRate == 0 && r.Issues == 2 && r.JudgedIssues == 1);
        rates.Where(r => r.Dimension == ResolutionRate.ByQueue).Select(r => r.Value).Should().Equal("billing", "orders");
        rates.Single(r => r.Dimension == ResolutionRate.ByOwner).Should().Match<ResolutionRate>(r => r.Value == "warehouse" && r.Issues == 3);
    }

    [Fact]
    public void Rates_NothingJudged_LeavesTheRateEmpty()
    {
        var rates = ResolutionAnalytics.Rates(IssueBuilder.Build([new ContactBuilder().OnDay(58).Build()], Options, AsOf));

        rates.Single(r => r.Dimension == ResolutionRate.All).Should().Match<ResolutionRate>(r => r.FcrRate == null && r.RepeatRate == null && r.Issues == 1);
    }
}
