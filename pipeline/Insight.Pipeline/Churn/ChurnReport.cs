using Insight.Models.Churn;
using Insight.Models.Evaluation;

namespace Insight.Pipeline.Churn;

/// <summary>The outcome of churn training, validation and scoring.</summary>
/// <param name="TrainAsOf">The latest as-of date of the training rows (see <see cref="ChurnOptions.TrainingSnapshots"/>; labels from the horizon after each).</param>
/// <param name="ValidationAsOf">As-of date of the validation rows: a later window than training.</param>
/// <param name="ScoreAsOf">As-of date of the scores.</param>
/// <param name="TrainingRows">Training rows: active customers at each training date.</param>
/// <param name="TrainingChurnRate">Share of them that churned within the horizon.</param>
/// <param name="Validation">Quality on the later window.</param>
/// <param name="Scored">Customers scored.</param>
/// <param name="AlreadyChurned">Scored customers with no purchase for a whole horizon already.</param>
/// <param name="HighRisk">Active customers in the high tier.</param>
/// <param name="LeakageWarning">Set when validation AUC is implausibly high.</param>
/// <param name="Skipped">Why churn was not scored (no purchases); null when it was.</param>
/// <param name="BgNbdRocAuc">ROC-AUC on the same validation rows of BG/NBD alone (1 − probability alive): the baseline the model must beat.</param>
/// <param name="Timings">Where the stage's time went; not part of the results (it differs from run to run).</param>
/// <param name="Importance">Permutation importance on the validation rows, largest first (also in the model card).</param>
public sealed record ChurnReport(
    DateTime? TrainAsOf,
    DateTime? ValidationAsOf,
    DateTime ScoreAsOf,
    int TrainingRows,
    double TrainingChurnRate,
    BinaryReport? Validation,
    int Scored,
    int AlreadyChurned,
    int HighRisk,
    string? LeakageWarning,
    string? Skipped = null,
    double? BgNbdRocAuc = null,
    IReadOnlyList<FeatureImportance>? Importance = null,
    ChurnTimings? Timings = null);

/// <summary>Where the churn stage's time went.</summary>
/// <param name="ReadSeconds">Reading purchases and contacts from the lake.</param>
/// <param name="TrainingSeconds">Features at the training and validation dates, BG/NBD fit, training, validation and importance.</param>
/// <param name="FeatureSeconds">Features of every customer at the as-of date.</param>
/// <param name="ScoringSeconds">Scoring them with reasons and actions.</param>
/// <param name="ScoredPerSecond">Customers scored per second of scoring.</param>
public sealed record ChurnTimings(double ReadSeconds, double TrainingSeconds, double FeatureSeconds, double ScoringSeconds, double ScoredPerSecond);

/// <summary>A customer's churn probability without and with their new contacts.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Before">Probability without the new contacts.</param>
/// <param name="After">Probability with them.</param>
/// <param name="MainRootCause">The root cause they contacted about most, if any.</param>
public sealed record RiskChange(string CustomerId, double Before, double After, string? MainRootCause);

/// <summary>What training the churn model produced.</summary>
/// <param name="Card">The saved model's card; null when there were no purchases to train on.</param>
/// <param name="ReadSeconds">Reading purchases and contacts.</param>
/// <param name="TrainingSeconds">Features at the training and validation dates, fit, validation and importance.</param>
public sealed record ChurnTraining(ChurnModelCard? Card, double ReadSeconds, double TrainingSeconds)
{
    /// <summary>
    /// The champion's quality on the same validation rows (when training was given one): what the challenger is
    /// compared on. Its ROC-AUC is in the train report's decision.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Insight.Models.Evaluation.BinaryReport? ChampionValidation { get; init; }
}

/// <summary>What scoring the customers of one shard (or all of them) produced.</summary>
public sealed record ChurnScoring(int Scored, int AlreadyChurned, int HighRisk, double ReadSeconds, double FeatureSeconds, double ScoringSeconds);
