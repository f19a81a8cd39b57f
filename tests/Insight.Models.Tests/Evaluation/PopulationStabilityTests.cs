using Insight.Models.Evaluation;

namespace Insight.Models.Tests.Evaluation;

public sealed class PopulationStabilityTests
{
    [Fact]
    public void Profile_DecileBins_HoldATenthEach_AndTheSamePopulationIsStable()
    {
        var rng = new Random(3);
        var reference = Enumerable.Range(0, 5_000).Select(_ => rng.NextDouble() * 100).ToList();
        var again = Enumerable.Range(0, 5_000).Select(_ => rng.NextDouble() * 100).ToList();

        var bins = PopulationStability.Profile("x", reference);

        bins.Edges.Should().HaveCount(9).And.BeInAscendingOrder();
        bins.Shares.Should().HaveCount(10).And.OnlyContain(s => Math.Abs(s - 0.1) < 0.002);
        PopulationStability.Index(bins.Shares, PopulationStability.Shares(bins.Edges, again)).Should().BeLessThan(0.01);
    }

    [Fact]
    public void Index_AShiftedPopulation_IsAboveTheRetrainLevel_AndRepeatedValuesGetFewerBins()
    {
        var rng = new Random(4);
        var reference = Enumerable.Range(0, 5_000).Select(_ => rng.NextDouble() * 100).ToList();
        var shifted = reference.Select(v => v + 30).ToList();
        var bins = PopulationStability.Profile("x", reference);

        PopulationStability.Index(bins.Shares, PopulationStability.Shares(bins.Edges, shifted)).Should().BeGreaterThan(0.25);

        var flags = PopulationStability.Profile("flag", [.. Enumerable.Range(0, 100).Select(i => i < 70 ? 0.0 : 1.0)]);
        flags.Edges.Should().Equal(0.0);
        flags.Shares.Should().Equal(0.7, 0.3);
    }
}
