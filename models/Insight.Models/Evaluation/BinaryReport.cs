namespace Insight.Models.Evaluation;

/// <summary>Quality of a binary probability model on labelled rows.</summary>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="PositiveRate">Share of positives.</param>
/// <param name="RocAuc">Area under the ROC curve.</param>
/// <param name="PrAuc">Area under the precision-recall curve.</param>
/// <param name="Brier">Mean squared error of the probabilities (lower is better).</param>
/// <param name="TopDecileLift">Positive rate in the 10% highest scored, over the overall positive rate.</param>
/// <param name="TopDecileShare">Share of all positives that are in the 10% highest scored.</param>
/// <param name="Reliability">Predicted against observed rates in ten equal-width probability bins (empty bins left out).</param>
public sealed record BinaryReport(
    int Rows, double PositiveRate, double RocAuc, double PrAuc, double Brier, double TopDecileLift, double TopDecileShare, IReadOnlyList<ReliabilityBin> Reliability)
{
    public const int ReliabilityBins = 10;

    public static BinaryReport From(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities, double rocAuc, double prAuc)
    {
        int n = labels.Count;
        int positives = labels.Count(l => l);
        double positiveRate = positives / (double)n;
        double brier = labels.Zip(probabilities).Average(p => Math.Pow((p.First ? 1 : 0) - p.Second, 2));
        int decile = Math.Max(1, n / 10);
        int topPositives = labels.Zip(probabilities)
            .OrderByDescending(p => p.Second)
            .Take(decile)
            .Count(p => p.First);
        double topRate = topPositives / (double)decile;
        var bins = labels.Zip(probabilities)
            .GroupBy(p => Math.Clamp((int)(p.Second * ReliabilityBins), 0, ReliabilityBins - 1))
            .OrderBy(g => g.Key)
            .Select(g => new ReliabilityBin(
                g.Key / (double)ReliabilityBins, (g.Key + 1) / (double)ReliabilityBins, g.Count(),
                Math.Round(g.Average(p => p.Second), 4), Math.Round(g.Count(p => p.First) / (double)g.Count(), 4)))
            .ToList();
        return new BinaryReport(
            n, positiveRate, rocAuc, prAuc, brier, positiveRate > 0 ? topRate / positiveRate : 0, positives > 0 ? topPositives / (double)positives : 0, bins);
    }
}

/// <summary>One bin of a reliability table: of the rows predicted in [From, To), the mean prediction and the observed positive rate.</summary>
public sealed record ReliabilityBin(double From, double To, int Rows, double MeanPredicted, double Observed);
