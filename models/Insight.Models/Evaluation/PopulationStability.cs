namespace Insight.Models.Evaluation;

/// <summary>A feature's distribution when a model was trained: bin upper edges (deciles) and the share of rows in each bin.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Edges">Upper edges of every bin but the last (which is open above); ascending and distinct.</param>
/// <param name="Shares">Share of rows in each bin (one more than there are edges).</param>
public sealed record FeatureBins(string Feature, IReadOnlyList<double> Edges, IReadOnlyList<double> Shares);

/// <summary>
/// The population stability index: how far a distribution has moved from a reference, summed over bins as
/// (actual − expected) × ln(actual / expected). Under 0.1 is usually read as stable, 0.1–0.25 as a shift
/// worth watching, above 0.25 as a shift a model trained on the reference should be retrained for.
/// </summary>
public static class PopulationStability
{
    /// <summary>Shares are floored at this, so an empty bin does not make the index infinite.</summary>
    private const double Floor = 1e-4;

    /// <summary>The reference bins of a feature: up to <paramref name="bins"/> quantile bins (fewer when values repeat).</summary>
    public static FeatureBins Profile(string feature, IReadOnlyList<double> values, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (values.Count == 0)
        {
            return new FeatureBins(feature, [], [1.0]);
        }

        var sorted = values.Order().ToArray();
        var edges = Enumerable.Range(1, bins - 1)
            .Select(k => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(k * sorted.Length / (double)bins))])
            .Where(edge => edge < sorted[^1])
            .Distinct()
            .ToArray();
        return new FeatureBins(feature, edges, Shares(edges, values));
    }

    /// <summary>The share of <paramref name="values"/> in each bin of <paramref name="edges"/> (a value equal to an edge falls in that edge's bin).</summary>
    public static double[] Shares(IReadOnlyList<double> edges, IReadOnlyList<double> values)
    {
        var counts = new double[edges.Count + 1];
        foreach (double value in values)
        {
            counts[BinOf(edges, value)]++;
        }

        return [.. counts.Select(c => values.Count == 0 ? 0 : c / values.Count)];
    }

    /// <summary>The bin of <paramref name="edges"/> a value falls in (a value equal to an edge falls in that edge's bin).</summary>
    public static int BinOf(IReadOnlyList<double> edges, double value)
    {
        int bin = 0;
        while (bin < edges.Count && value > edges[bin])
        {
            bin++;
        }

        return bin;
    }

    /// <summary>The index between two distributions over the same bins or categories.</summary>
    public static double Index(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        if (expected.Count != actual.Count)
        {
            throw new ArgumentException($"The distributions have {expected.Count} and {actual.Count} bins.", nameof(actual));
        }

        double index = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            double e = Math.Max(expected[i], Floor);
            double a = Math.Max(actual[i], Floor);
            index += (a - e) * Math.Log(a / e);
        }

        return index;
    }
}
