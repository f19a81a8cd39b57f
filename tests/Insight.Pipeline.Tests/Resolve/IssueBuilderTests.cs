using Insight.Pipeline.Resolve;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Resolve;

public sealed class IssueBuilderTests
{
    private static readonly ResolutionOptions Options = new();
    private static readonly DateTime AsOf = Some.Day(60);

    [Fact]
    public void Build_ContactWithinRepeatWindow_IsARepeatOfTheSameIssue()
    {
        var contacts = new[]
        {
            new ContactBuilder().OnDay(1).ByAgent("A1").Build(),
            new ContactBuilder().OnDay(4).ByAgent("A2").Via("chat").Build(),
        };

        var issue = IssueBuilder.Build(contacts, Options, AsOf).Should().ContainSingle().Subject;

        issue.Should().Match<IssueRecord>(i => i.Touches == 2 && i.Contacts == 2 && i.Transfers == 0 && i.DistinctAgents == 2
            && !i.ResolvedFirstTime && i.Judged && i.Channels == "phone,chat" && i.FirstChannel == "phone");
    }

    [Fact]
    public void Build_ContactWithinFifteenMinutes_IsATransferNotARepeat()
    {
        var first = Some.Day(1).AddHours(10);
        var contacts = new[]
        {
            new ContactBuilder().At(first).ByAgent("A1").Build(),
            new ContactBuilder().At(first.AddMinutes(6)).ByAgent("A2").Build(),
        };

        var issue = IssueBuilder.Build(contacts, Options, AsOf).Should().ContainSingle().Subject;

        issue.Should().Match<IssueRecord>(i => i.Touches == 1 && i.Contacts == 2 && i.Transfers == 1 && i.ResolvedFirstTime);
    }

    [Fact]
    public void Build_ContactAfterTheWindow_OpensANewIssue()
    {
        var contacts = new[] { new ContactBuilder().OnDay(1).Build(), new ContactBuilder().OnDay(9).Build() };

        IssueBuilder.Build(contacts, Options, AsOf).Should().HaveCount(2).And.OnlyContain(i => i.ResolvedFirstTime);
    }

    [Fact]
    public void Build_DifferentRootCauseOrCustomer_IsADifferentIssue()
    {
        var contacts = new[]
        {
            new ContactBuilder().OnDay(1).Build(),
            new ContactBuilder().OnDay(2).About("double-charge", "billing").Build(),
            new ContactBuilder().OnDay(2).ForCustomer("c2").Build(),
        };

        IssueBuilder.Build(contacts, Options, AsOf).Should().HaveCount(3).And.OnlyContain(i => i.Touches == 1);
    }

    [Fact]
    public void Build_IssueOpenedWithinWindowBeforeAsOf_IsNotJudged()
    {
        var contacts = new[] { new ContactBuilder().OnDay(57).Build(), new ContactBuilder().OnDay(40).About("lost-parcel", "logistics").Build() };

        var issues = IssueBuilder.Build(contacts, Options, AsOf);

        issues.Single(i => i.RootCause == "mis-pick").Judged.Should().BeFalse();
        issues.Single(i => i.RootCause == "lost-parcel").Judged.Should().BeTrue();
    }

    [Fact]
    public void Build_ContactsAtOrAfterAsOf_AreIgnored()
    {
        var contacts = new[] { new ContactBuilder().OnDay(58).Build(), new ContactBuilder().At(AsOf).Build() };

        IssueBuilder.Build(contacts, Options, AsOf).Should().ContainSingle().Which.Touches.Should().Be(1);
    }

    [Fact]
    public void Build_RepeatWindowFromOptions_ChangesWhatCountsAsRepeat()
    {
        var contacts = new[] { new ContactBuilder().OnDay(1).Build(), new ContactBuilder().OnDay(4).Build() };

        IssueBuilder.Build(contacts, new ResolutionOptions { RepeatWindowDays = 2 }, AsOf).Should().HaveCount(2);
    }
}
