namespace Insight.Models.Churn;

/// <summary>A churn score with the features that pushed it up most.</summary>
/// <param name="CustomerId">The customer scored.</param>
/// <param name="Probability">Calibrated probability of churning within the horizon.</param>
/// <param name="TopContributions">Indices into the feature names with their positive contributions, largest first.</param>
public sealed record ChurnPrediction(string CustomerId, float Probability, IReadOnlyList<(int Feature, float Contribution)> TopContributions);
