namespace Insight.Models.Evaluation;

/// <summary>A mistake and how often it was made.</summary>
public sealed record ConfusionPair(string Actual, string Predicted, int Count);
