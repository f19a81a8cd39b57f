namespace Insight.Models.Evaluation;

/// <summary>How well predicted labels match true ones.</summary>
/// <param name="Examples">Number of examples compared.</param>
/// <param name="Accuracy">Share predicted correctly (micro accuracy).</param>
/// <param name="MacroAccuracy">Mean of the per-label recalls, so rare labels count as much as common ones.</param>
/// <param name="MacroF1">Mean of the per-label F1 scores over the true labels.</param>
/// <param name="Classes">Precision, recall and F1 per true label, by label.</param>
/// <param name="ConfusionPairs">The most frequent (actual, predicted) mistakes, most frequent first.</param>
public sealed record ClassificationReport(
    int Examples,
    double Accuracy,
    double MacroAccuracy,
    double MacroF1,
    IReadOnlyList<ClassMetrics> Classes,
    IReadOnlyList<ConfusionPair> ConfusionPairs)
{
    /// <summary>Confusion pairs kept in a report.</summary>
    public const int MaxConfusionPairs = 20;

    public static ClassificationReport From(IReadOnlyList<string> actual, IReadOnlyList<string> predicted)
    {
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException("Actual and predicted labels differ in number.", nameof(predicted));
        }

        if (actual.Count == 0)
        {
            return new ClassificationReport(0, 0, 0, 0, [], []);
        }

        var pairs = actual.Zip(predicted).ToList();
        int correct = pairs.Count(p => p.First == p.Second);
        var predictedCounts = pairs.GroupBy(p => p.Second, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var classes = pairs
            .GroupBy(p => p.First, StringComparer.Ordinal)
            .Select(g =>
            {
                int support = g.Count();
                int hits = g.Count(p => p.First == p.Second);
                int predictedAs = predictedCounts.GetValueOrDefault(g.Key);
                double precision = predictedAs == 0 ? 0 : hits / (double)predictedAs;
                double recall = hits / (double)support;
                double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                return new ClassMetrics(g.Key, support, precision, recall, f1);
            })
            .OrderBy(c => c.Label, StringComparer.Ordinal)
            .ToList();
        var confusions = pairs
            .Where(p => p.First != p.Second)
            .GroupBy(p => (Actual: p.First, Predicted: p.Second))
            .Select(g => new ConfusionPair(g.Key.Actual, g.Key.Predicted, g.Count()))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Actual, StringComparer.Ordinal)
            .ThenBy(c => c.Predicted, StringComparer.Ordinal)
            .Take(MaxConfusionPairs)
            .ToList();
        return new ClassificationReport(
            actual.Count,
            correct / (double)actual.Count,
            classes.Average(c => c.Recall),
            classes.Average(c => c.F1),
            classes,
            confusions);
    }
}
