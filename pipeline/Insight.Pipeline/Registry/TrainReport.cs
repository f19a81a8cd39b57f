using Insight.Pipeline.Churn;

namespace Insight.Pipeline.Registry;

/// <summary>What the train stage did: a challenger per model and whether it replaced the champion.</summary>
/// <param name="RootCauses">The root-cause challenger's decision; null when there were no contacts.</param>
/// <param name="Churn">The churn challenger's decision; null when there were no purchases (or churn was not trained).</param>
/// <param name="ChurnTraining">The churn challenger's training (its card and timings); null when churn was not trained.</param>
public sealed record TrainReport(PromotionDecision? RootCauses, PromotionDecision? Churn, ChurnTraining? ChurnTraining);
