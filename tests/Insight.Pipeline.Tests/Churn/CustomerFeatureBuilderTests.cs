using Insight.Models.Churn;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Churn;

public sealed class CustomerFeatureBuilderTests
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
    public void Build_RowsAfterAsOf_DoNotChangeAnyFeature()
    {
        var purchases = PurchaseBuilder.EveryDays("c1", 0, 190, 20);
        var contacts = new List<LabeledContact> { new ContactBuilder().OnDay(150).Build(), new ContactBuilder().OnDay(153).Build() };
        var before = _builder.Build("c1", purchases, contacts, AsOf, Buying)!;

        var future = purchases.Concat(PurchaseBuilder.EveryDays("c1", 200, 400, 3)).ToList();
        var futureContacts = contacts.Concat(
        [
            new ContactBuilder().At(AsOf).WithPainPoints("long-wait").Frustrated(0.9f).Build(),
            new ContactBuilder().OnDay(201).About("double-charge", "billing").Via("chat").WithPainPoints("transferred").ByAgent("A9").Build(),
        ]).ToList();
        var after = _builder.Build("c1", future, futureContacts, AsOf, Buying)!;

        after.Values.Should().Equal(before.Values);
        after.MainRootCause.Should().Be(before.MainRootCause);
    }

    [Fact]
    public void Build_RegularBuyer_HasGapAndSpendFeatures()
    {
        var purchases = PurchaseBuilder.EveryDays("c1", 0, 181, 20, amount: 30);

        var snapshot = _builder.Build("c1", purchases, [], AsOf, Buying)!;

        // The last order was at noon on day 180; the as-of date is midnight of day 200.
        Value(snapshot, ChurnFeatureNames.DaysSinceLastOrder).Should().BeApproximately(19.5f, 0.01f);
        Value(snapshot, ChurnFeatureNames.AverageGapDays).Should().BeApproximately(20f, 0.01f);
        Value(snapshot, ChurnFeatureNames.GapRatio).Should().BeApproximately(0.975f, 0.001f);
        Value(snapshot, ChurnFeatureNames.Orders90).Should().Be(4);
        Value(snapshot, ChurnFeatureNames.Spend365).Should().Be(300);
        Value(snapshot, ChurnFeatureNames.BoughtSinceLastContact).Should().Be(1);
        Value(snapshot, ChurnFeatureNames.DaysSinceLastContact).Should().Be(365);
    }

    [Fact]
    public void Build_UnresolvedIssue_CountsRepeatsAgentsAndOwner()
    {
        var purchases = PurchaseBuilder.EveryDays("c1", 0, 150, 20);
        var contacts = new List<LabeledContact>
        {
            new ContactBuilder().OnDay(170).ByAgent("A1").Build(),
            new ContactBuilder().OnDay(172).ByAgent("A2").Build(),
            new ContactBuilder().OnDay(174).ByAgent("A3").Build(),
            new ContactBuilder().OnDay(120).About("double-charge", "billing").Build(),
        };

        var snapshot = _builder.Build("c1", purchases, contacts, AsOf, Buying)!;

        Value(snapshot, ChurnFeatureNames.UnresolvedIssues90).Should().Be(1);
        Value(snapshot, ChurnFeatureNames.RepeatContacts90).Should().Be(2);
        Value(snapshot, ChurnFeatureNames.MaxAgentsPerIssue90).Should().Be(3);
        Value(snapshot, ChurnFeatureNames.OwnerContactsPrefix + "warehouse").Should().Be(3);
        Value(snapshot, ChurnFeatureNames.OwnerContactsPrefix + "billing").Should().Be(1);
        Value(snapshot, ChurnFeatureNames.BoughtSinceLastContact).Should().Be(0);
        snapshot.MainRootCause.Should().Be("mis-pick");
    }

    [Fact]
    public void Build_ContactsInLast90Days_CountRootCausesPainPointsFrustrationAndChannels()
    {
        var purchases = PurchaseBuilder.EveryDays("c1", 0, 150, 20);
        var contacts = new List<LabeledContact>
        {
            new ContactBuilder().OnDay(150).About("double-charge", "billing").Via("chat").WithPainPoints("long-wait", "transferred").Frustrated(0.8f).Build(),
            new ContactBuilder().OnDay(152).About("double-charge", "billing").Via("phone").WithPainPoints("long-wait").Frustrated(0.3f).Build(),
            new ContactBuilder().OnDay(170).About("mis-pick").Via("phone").Build(),
            new ContactBuilder().OnDay(60).About("late-delivery").Via("chat").WithPainPoints("long-wait").Frustrated(1f).Build(),
        };

        var snapshot = _builder.Build("c1", purchases, contacts, AsOf, Buying)!;

        Value(snapshot, ChurnFeatureNames.RootCauseIssuesPrefix + "double-charge").Should().Be(1, "the two billing contacts are one issue");
        Value(snapshot, ChurnFeatureNames.RootCauseIssuesPrefix + "mis-pick").Should().Be(1);
        Value(snapshot, ChurnFeatureNames.PainPointContactsPrefix + "long-wait").Should().Be(2, "the day-60 contact is older than 90 days");
        Value(snapshot, ChurnFeatureNames.PainPointContactsPrefix + "transferred").Should().Be(1);
        Value(snapshot, ChurnFeatureNames.MaxFrustration90).Should().BeApproximately(0.8f, 1e-6f);
        Value(snapshot, ChurnFeatureNames.FrustratedContacts90).Should().Be(1);
        Value(snapshot, ChurnFeatureNames.ChannelContactsPrefix + "phone").Should().Be(2);
        Value(snapshot, ChurnFeatureNames.ChannelContactsPrefix + "chat").Should().Be(1);
        snapshot.MainRootCause.Should().Be("double-charge", "its issue took two touches");
    }

    [Fact]
    public void Layout_FromItsNames_IsTheSameLayout()
    {
        ChurnFeatureLayout.FromNames(_builder.Names).Should().BeEquivalentTo(Layout, o => o.WithStrictOrdering());
        var act = () => ChurnFeatureLayout.FromNames(["days_since_last_order", "spend_30"]);
        act.Should().Throw<InvalidDataException>().WithMessage("*retrain*");
    }

    [Fact]
    public void Build_BuyerGoneQuiet_IsLessLikelyAliveThanOneStillBuying()
    {
        var steady = _builder.Build("c1", PurchaseBuilder.EveryDays("c1", 0, 195, 10), [], AsOf, Buying)!;
        var quiet = _builder.Build("c1", PurchaseBuilder.EveryDays("c1", 0, 100, 10), [], AsOf, Buying)!;
        var once = _builder.Build("c1", [PurchaseBuilder.On("c1", 20)], [], AsOf, Buying)!;

        Value(quiet, ChurnFeatureNames.ProbabilityAlive).Should().BeLessThan(Value(steady, ChurnFeatureNames.ProbabilityAlive));
        Value(once, ChurnFeatureNames.ProbabilityAlive).Should().Be(1, "BG/NBD: without a repeat purchase no drop-out has been possible");
    }

    [Fact]
    public void FitBuying_PurchasesAfterAsOf_DoNotChangeTheModel()
    {
        var past = Enumerable.Range(0, 60).ToDictionary(
            i => $"c{i}",
            i => (IReadOnlyList<PurchaseRecord>)PurchaseBuilder.EveryDays($"c{i}", i % 7, 150 + (i % 40), 5 + (i % 25)));
        var withFuture = past.ToDictionary(p => p.Key, p => (IReadOnlyList<PurchaseRecord>)[.. p.Value, .. PurchaseBuilder.EveryDays(p.Key, 200, 260, 4)]);

        var model = CustomerFeatureBuilder.FitBuying(past, AsOf, sample: 1_000);

        CustomerFeatureBuilder.FitBuying(withFuture, AsOf, sample: 1_000).Should().Be(model);
        CustomerFeatureBuilder.FitBuying(past, AsOf, sample: 30).Should().NotBe(model, "a sample of 30 of the 60 customers fits other parameters");
    }

    [Fact]
    public void Build_NoPurchaseBeforeAsOf_IsNull() =>
        _builder.Build("c1", [PurchaseBuilder.On("c1", 250)], [], AsOf, Buying).Should().BeNull();

    [Theory]
    [InlineData(210, false)]
    [InlineData(289, false)]
    [InlineData(291, true)]
    public void ChurnedWithin_PurchaseInsideHorizonOnly_IsNotChurn(double purchaseDay, bool churned) =>
        CustomerFeatureBuilder.ChurnedWithin([PurchaseBuilder.On("c1", 100), PurchaseBuilder.On("c1", purchaseDay)], AsOf, 90).Should().Be(churned);

    [Fact]
    public void ChurnedWithin_CancelledOrderOnly_IsChurn() =>
        CustomerFeatureBuilder.ChurnedWithin([PurchaseBuilder.On("c1", 210, status: PurchaseRecord.Cancelled)], AsOf, 90).Should().BeTrue();

    private float Value(CustomerSnapshot snapshot, string feature) => _builder.ValueOf(snapshot, feature);
}
