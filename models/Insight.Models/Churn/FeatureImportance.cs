namespace Insight.Models.Churn;

/// <summary>Permutation importance of one feature.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="RocAucDrop">How much ROC-AUC falls when the feature's values are shuffled (mean over shuffles); near 0 or below when the model does not rely on it.</param>
/// <param name="StandardError">Standard error of that mean over the shuffles.</param>
public sealed record FeatureImportance(string Feature, double RocAucDrop, double StandardError);
