using Insight.Models.Churn;
using Insight.Pipeline.Label;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;

namespace Insight.Pipeline.Churn;

/// <summary>
/// Stage 5: builds point-in-time customer features, trains the churn model (FastTree or LightGBM trees) on an earlier window,
/// validates it on a later one, scores every customer at the as-of date with reasons and a suggested
/// action, and writes <c>lake/customer-features</c> and <c>lake/churn-scores</c>. Training and scoring
/// are separate steps, so that a saved model scores day after day, and scoring splits into shards.
/// </summary>
public interface IChurnStage
{
    /// <summary>Trains the model at <paramref name="asOf"/>, saves it at <paramref name="modelPath"/> and scores every customer with it.</summary>
    /// <param name="asOf">The date scores are for.</param>
    /// <param name="modelPath">Where the trained model is saved.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    Task<ChurnReport> RunAsync(DateTime asOf, string modelPath, CancellationToken cancellationToken);

    /// <summary>
    /// Trains, validates and saves the model and its card (<see cref="ChurnModelCard"/>); no card when there are
    /// no purchases. With <paramref name="championPath"/>, the saved champion is measured on the same validation
    /// rows (the customers one horizon back, labelled by what they did since), from the same read of the lake.
    /// </summary>
    Task<ChurnTraining> TrainAsync(DateTime asOf, string modelPath, CancellationToken cancellationToken, string? championPath = null);

    /// <summary>The rows a training at <paramref name="asOf"/> learns from and is validated on, with the feature names; null without purchases.</summary>
    Task<(IReadOnlyList<string> Names, List<CustomerFeatures> Training, List<CustomerFeatures> Validation)?> TrainingRowsAsync(DateTime asOf, CancellationToken cancellationToken);

    /// <summary>
    /// Scores the customers of <paramref name="shard"/> at <paramref name="asOf"/> with a saved model (null: none, empty
    /// tables), writing their features and scores (with the model's version) in customer id order to the two lake tables named.
    /// </summary>
    Task<ChurnScoring> ScoreAsync(DateTime asOf, SavedModel? model, Shard shard, string featuresTable, string scoresTable, CancellationToken cancellationToken);

    /// <summary>Merges shards' features and scores, each in customer id order, into <c>lake/customer-features</c> and <c>lake/churn-scores</c>.</summary>
    Task MergeAsync(IReadOnlyList<(string Features, string Scores)> shards, CancellationToken cancellationToken);

    /// <summary>The stage's report from the model's card and the shards' scoring.</summary>
    ChurnReport Report(DateTime asOf, ChurnModelCard? card, IReadOnlyList<ChurnScoring> shards, ChurnTraining? training = null);

    /// <summary>Churn probability per customer without and with the contacts from <paramref name="newContactsFrom"/>[customer] on, from a saved model and the labelled contacts given.</summary>
    Task<IReadOnlyList<RiskChange>> ScoreContactEffectAsync(string modelPath, DateTime asOf, IReadOnlyList<LabeledContact> contacts, IReadOnlyDictionary<string, DateTime> newContactsFrom, CancellationToken cancellationToken);
}
