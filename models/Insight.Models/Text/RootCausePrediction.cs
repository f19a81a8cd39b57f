namespace Insight.Models.Text;

/// <summary>A root-cause prediction: the most likely root cause and how sure the model is.</summary>
/// <param name="RootCause">The predicted root-cause id.</param>
/// <param name="Confidence">The model's probability for it, between 0 and 1.</param>
public readonly record struct RootCausePrediction(string RootCause, float Confidence);
