using Insight.Pipeline.Churn;

namespace Insight.Pipeline.Rank;

/// <summary>
/// Churn of comparable customers: scored customers not yet lost, in cells of spend band × recency band
/// (quantiles of expected spend and of days since the last order). For a set of affected customers it
/// compares each one's churn probability with the mean of the unaffected customers in the same cell, so
/// a root cause is charged only for the churn above what customers like its customers show anyway.
/// </summary>
public sealed class ChurnBaseline
{
    private readonly Dictionary<string, (ChurnScore Score, int Cell, int SpendBand)> _customers;
    private readonly double[] _cellSum;
    private readonly int[] _cellCount;
    private readonly double[] _bandSum;
    private readonly int[] _bandCount;
    private readonly double _sum;
    private readonly int _count;

    public ChurnBaseline(IEnumerable<ChurnScore> scores, int bands)
    {
        var live = scores.Where(s => !s.AlreadyChurned).OrderBy(s => s.CustomerId, StringComparer.Ordinal).ToList();
        var spendCuts = Cuts(live.Select(s => s.ExpectedSpend), bands);
        var recencyCuts = Cuts(live.Select(s => s.DaysSinceLastOrder), bands);
        _cellSum = new double[bands * bands];
        _cellCount = new int[bands * bands];
        _bandSum = new double[bands];
        _bandCount = new int[bands];
        _customers = new Dictionary<string, (ChurnScore, int, int)>(StringComparer.Ordinal);
        foreach (var score in live)
        {
            int spend = Band(spendCuts, score.ExpectedSpend);
            int cell = (spend * bands) + Band(recencyCuts, score.DaysSinceLastOrder);
            _customers[score.CustomerId] = (score, cell, spend);
            _cellSum[cell] += score.ChurnProbability;
            _cellCount[cell]++;
            _bandSum[spend] += score.ChurnProbability;
            _bandCount[spend]++;
            _sum += score.ChurnProbability;
            _count++;
        }
    }

    /// <summary>
    /// Mean churn uplift of the affected customers over their unaffected peers (same cell; the same spend
    /// band when the cell has none; everyone unaffected when the band has none), and the expected spend
    /// that uplift puts at risk (Σ (p − baseline) × expected spend). Null uplift when no affected customer
    /// is scored or no peer is left.
    /// </summary>
    public (double? Uplift, double ExcessRevenue) Compare(IEnumerable<string> affectedIds)
    {
        var affected = affectedIds.Distinct(StringComparer.Ordinal)
            .Where(_customers.ContainsKey)
            .Select(id => _customers[id])
            .ToList();
        if (affected.Count == 0 || affected.Count == _count)
        {
            return (null, 0);
        }

        var cellSum = (double[])_cellSum.Clone();
        var cellCount = (int[])_cellCount.Clone();
        var bandSum = (double[])_bandSum.Clone();
        var bandCount = (int[])_bandCount.Clone();
        foreach (var (score, cell, band) in affected)
        {
            cellSum[cell] -= score.ChurnProbability;
            cellCount[cell]--;
            bandSum[band] -= score.ChurnProbability;
            bandCount[band]--;
        }

        double overall = (_sum - affected.Sum(a => a.Score.ChurnProbability)) / (_count - affected.Count);
        double upliftSum = 0, excess = 0;
        foreach (var (score, cell, band) in affected)
        {
            double baseline = cellCount[cell] > 0 ? cellSum[cell] / cellCount[cell]
                : bandCount[band] > 0 ? bandSum[band] / bandCount[band]
                : overall;
            double uplift = score.ChurnProbability - baseline;
            upliftSum += uplift;
            excess += uplift * score.ExpectedSpend;
        }

        return (upliftSum / affected.Count, excess);
    }

    /// <summary>The bands - 1 inner quantiles of the values (equal values fall in one band).</summary>
    private static double[] Cuts(IEnumerable<double> values, int bands)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return [];
        }

        return [.. Enumerable.Range(1, bands - 1).Select(b => sorted[(int)((long)b * (sorted.Length - 1) / bands)])];
    }

    private static int Band(double[] cuts, double value)
    {
        int band = 0;
        while (band < cuts.Length && value > cuts[band])
        {
            band++;
        }

        return band;
    }
}
