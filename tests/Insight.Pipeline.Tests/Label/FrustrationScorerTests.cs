using Insight.Pipeline.Label;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Label;

public sealed class FrustrationScorerTests
{
    private readonly FrustrationScorer _scorer = new(Some.Taxonomy.Frustration);

    [Fact]
    public void Score_CalmMessage_IsZero() =>
        _scorer.Score("Hi, could you tell me when my order ships? Thanks.", []).Should().Be(0);

    [Fact]
    public void Score_MoreSignals_ScoreHigherAndStayBelowOne()
    {
        float cue = _scorer.Score("This is ridiculous, where is my order?", []);
        float cueAndPainPoints = _scorer.Score("This is ridiculous, where is my order?", ["transferred", "repeat-explanation"]);
        float escalation = _scorer.Score("This is ridiculous! I want a MANAGER now, I will make a complaint!!", ["transferred", "repeat-explanation"]);

        cue.Should().BeInRange(0.3f, 0.5f);
        cueAndPainPoints.Should().BeGreaterThan(cue);
        escalation.Should().BeGreaterThan(cueAndPainPoints).And.BeLessThan(1f);
    }

    [Fact]
    public void Score_RedactionMarkers_AreNotShouting() =>
        _scorer.Score("My email is [EMAIL] and my card [CARD].", []).Should().Be(0);
}
