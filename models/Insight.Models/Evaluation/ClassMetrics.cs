namespace Insight.Models.Evaluation;

/// <summary>Quality of the predictions for one true label.</summary>
/// <param name="Label">The label.</param>
/// <param name="Support">Examples that truly have it.</param>
/// <param name="Precision">Share of the predictions of this label that were right.</param>
/// <param name="Recall">Share of its examples predicted as it.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
public sealed record ClassMetrics(string Label, int Support, double Precision, double Recall, double F1);
