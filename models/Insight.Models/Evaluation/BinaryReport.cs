namespace Insight.Models.Evaluation;

/// <summary>Quality of a binary probability model on labelled rows.</summary>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="PositiveRate">Share of positives.</param>
/// <param name="RocAuc">Area under the ROC curve.</param>
/// <param name="PrAuc">Area under the precision-recall curve.</param>
/// <param name="Brier">Mean squared error of the probabilities (lower is better).</param>
/// <param name="TopDecileLift">Positive rate in the 10% highest scored, over the overall positive rate.</param>
public sealed record BinaryReport(int Rows, double PositiveRate, double RocAuc, double PrAuc, double Brier, double TopDecileLift)
{
    public static BinaryReport From(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities, double rocAuc, double prAuc)
    {
        int n = labels.Count;
        double positiveRate = labels.Count(l => l) / (double)n;
        double brier = labels.Zip(probabilities).Average(p => Math.Pow((p.First ? 1 : 0) - p.Second, 2));
        int decile = Math.Max(1, n / 10);
        double topRate = labels.Zip(probabilities)
            .OrderByDescending(p => p.Second)
            .Take(decile)
            .Count(p => p.First) / (double)decile;
        return new BinaryReport(n, positiveRate, rocAuc, prAuc, brier, positiveRate > 0 ? topRate / positiveRate : 0);
    }
}
