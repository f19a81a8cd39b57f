namespace Insight.Models.Evaluation;

/// <summary>How well predicted labels match true ones.</summary>
/// <param name="Examples">Number of examples compared.</param>
/// <param name="Accuracy">Share predicted correctly (micro accuracy).</param>
/// <param name="MacroAccuracy">Mean of the per-label recalls, so rare labels count as much as common ones.</param>
public sealed record ClassificationReport(int Examples, double Accuracy, double MacroAccuracy)
{
    public static ClassificationReport From(IReadOnlyList<string> actual, IReadOnlyList<string> predicted)
    {
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException("Actual and predicted labels differ in number.", nameof(predicted));
        }

        if (actual.Count == 0)
        {
            return new ClassificationReport(0, 0, 0);
        }

        int correct = actual.Zip(predicted).Count(p => p.First == p.Second);
        double macro = actual.Zip(predicted)
            .GroupBy(p => p.First, StringComparer.Ordinal)
            .Average(g => g.Count(p => p.First == p.Second) / (double)g.Count());
        return new ClassificationReport(actual.Count, correct / (double)actual.Count, macro);
    }
}
