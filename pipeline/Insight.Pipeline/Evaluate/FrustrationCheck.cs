namespace Insight.Pipeline.Evaluate;

/// <summary>Whether the frustration score follows the truth: contacts with a true pain point should score higher.</summary>
/// <param name="WithPainPoint">Mean frustration of contacts with at least one true pain point.</param>
/// <param name="WithoutPainPoint">Mean frustration of contacts without one.</param>
/// <param name="RepeatContactAuc">Probability that a repeat contact scores above a first contact (0.5 is chance).</param>
public sealed record FrustrationCheck(double WithPainPoint, double WithoutPainPoint, double RepeatContactAuc);
