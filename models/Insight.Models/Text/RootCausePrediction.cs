namespace Insight.Models.Text;

/// <summary>A root-cause prediction: the most likely root cause and how sure the model is.</summary>
/// <param name="RootCause">The predicted root-cause id.</param>
/// <param name="Confidence">The calibrated chance that the prediction is right, between 0 and 1.</param>
/// <param name="Probability">The model's own (normalised, uncalibrated) probability for the root cause.</param>
public readonly record struct RootCausePrediction(string RootCause, float Confidence, float Probability);
