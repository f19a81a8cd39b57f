namespace Insight.Pipeline.Tests;

public sealed class StableHashTests
{
    [Fact]
    public void Fraction_SequentialIds_SpreadEvenlyOverEveryRun()
    {
        // Exports often number their rows: a 20% hold-out must take about 20% of every stretch of ids,
        // not whole runs of them (which, for a file sorted by label, would hold out whole labels).
        var ids = Enumerable.Range(1, 5_000).Select(i => $"bitext-{i}").ToList();

        var heldOutPerRun = ids.Chunk(250).Select(run => run.Count(id => StableHash.Fraction(id, "label-holdout") < 0.2)).ToList();

        heldOutPerRun.Should().OnlyContain(n => n >= 30 && n <= 70);
    }

    [Fact]
    public void Fraction_IsTheSameInEveryProcess() =>
        StableHash.Fraction("customer-42", "salt").Should().Be(StableHash.Fraction("customer-42", "salt")).And.BeInRange(0, 1);
}
