using Insight.Models.Churn;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Churn;

public sealed class ReasonWriterTests
{
    /// <summary>Fader, Hardie and Lee\'s CDNOW parameters: a plausible buying model (its time unit is weeks, these tests use days).</summary>
    private static readonly BgNbd Buying = new(0.243, 4.414, 0.793, 2.426);

    private static readonly DateTime AsOf = Some.Day(200);

    private static readonly ChurnFeatureLayout Layout = new()
    {
        Owners = ["warehouse", "billing"],
        RootCauses = ["mis-pick", "double-charge"],
        PainPoints = ["long-wait", "transferred"],
        Channels = ["phone", "chat"],
    };
    private readonly CustomerFeatureBuilder _builder = new(Layout, new ResolutionOptions());

    [Fact]
    public void Write_GapFeature_ComparesWithTheCustomersOwnRhythm()
    {
        var snapshot = _builder.Build("c1", PurchaseBuilder.EveryDays("c1", 0, 150, 20), [], AsOf, Buying)!;

        Writer().Write(ChurnFeatureNames.GapRatio, snapshot).Should().Be("No order for 60 days; usually orders every 20");
    }

    [Fact]
    public void Write_UnresolvedIssue_NamesTheRootCause()
    {
        var contacts = new[] { new ContactBuilder().OnDay(180).Build(), new ContactBuilder().OnDay(182).Build() };
        var snapshot = _builder.Build("c1", PurchaseBuilder.EveryDays("c1", 0, 190, 20), contacts, AsOf, Buying)!;

        Writer().Write(ChurnFeatureNames.UnresolvedIssues90, snapshot)
            .Should().Be("1 issue(s) not resolved first time in the last 90 days (wrong item picked)");
    }

    [Fact]
    public void Write_RootCausePainPointAndFrustration_ReadAsSentences()
    {
        var contacts = new[]
        {
            new ContactBuilder().OnDay(180).About("double-charge", "billing").WithPainPoints("long-wait").Frustrated(0.9f).Build(),
            new ContactBuilder().OnDay(182).About("double-charge", "billing").WithPainPoints("long-wait").Build(),
        };
        var snapshot = _builder.Build("c1", PurchaseBuilder.EveryDays("c1", 0, 190, 20), contacts, AsOf, Buying)!;
        var writer = Writer();

        writer.Write(ChurnFeatureNames.RootCauseIssuesPrefix + "double-charge", snapshot).Should().Be("1 issue(s) about customer charged twice in the last 90 days");
        writer.Write(ChurnFeatureNames.PainPointContactsPrefix + "long-wait", snapshot).Should().Be("Long wait on 2 contact(s) in the last 90 days");
        writer.Write(ChurnFeatureNames.MaxFrustration90, snapshot).Should().Be("Sounded very frustrated on a recent contact (0.9 of 1) (customer charged twice)");
        writer.Explains(ChurnFeatureNames.PainPointContactsPrefix + "transferred", snapshot).Should().BeFalse();
        writer.Explains(ChurnFeatureNames.MaxFrustration90, snapshot).Should().BeTrue();
    }

    [Fact]
    public void Explains_AbsentContactsOrAPurchaseSinceTheContact_IsNoReason()
    {
        var quiet = _builder.Build("c1", PurchaseBuilder.EveryDays("c1", 0, 190, 20), [], AsOf, Buying)!;

        var writer = Writer();

        writer.Explains(ChurnFeatureNames.OwnerContactsPrefix + "warehouse", quiet).Should().BeFalse();
        writer.Explains(ChurnFeatureNames.UnresolvedIssues90, quiet).Should().BeFalse();
        writer.Explains(ChurnFeatureNames.DaysSinceLastContact, quiet).Should().BeFalse();
        writer.Explains(ChurnFeatureNames.BoughtSinceLastContact, quiet).Should().BeFalse();
        writer.Explains(ChurnFeatureNames.DaysSinceLastOrder, quiet).Should().BeTrue();
    }

    private ReasonWriter Writer() => new(_builder, Some.Taxonomy);
}
