using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insight.Pipeline.Registry;

/// <summary>
/// What a registered model is, in <c>card.json</c> beside its <c>model.zip</c>: what it learned from, how
/// good it was, and what made it, so anyone can tell two versions apart and reproduce one.
/// </summary>
/// <param name="Model">The model's name: <c>root-causes</c> or <c>churn</c>.</param>
/// <param name="Version">Its version in the registry (<c>v1</c>, <c>v2</c>, ...).</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="CodeVersion">The Insight build that trained it (version and commit).</param>
/// <param name="DataFrom">First day of the data it learned from.</param>
/// <param name="DataTo">The day after the last day of the data it learned from.</param>
/// <param name="Rows">Training rows (labelled contacts, or customer snapshots).</param>
/// <param name="LabelBalance">Training rows per label.</param>
/// <param name="Metrics">Its quality on its own hold-out (names are the model's).</param>
/// <param name="Features">What it reads: feature names, or the text features' settings.</param>
/// <param name="Trainer">Trainer and its settings.</param>
/// <param name="Seed">Seed of training.</param>
/// <param name="TaxonomyVersion">The root-cause taxonomy of its labels or features.</param>
/// <param name="Fingerprint">A hash of everything above but the version and time: a retraining that gives the same card is the same version.</param>
/// <param name="Details">The model's own card (what scoring with it needs, e.g. the churn features' layout).</param>
/// <param name="TrainedOn">
/// A hash of what its training read and how (the input files as they were, the window held out, every setting
/// and the code's version); training again with the same is skipped. Null when not recorded. Not part of the
/// fingerprint, which says whether two trainings made the same model.
/// </param>
public sealed record ModelCard(
    string Model,
    string Version,
    DateTimeOffset CreatedAt,
    string CodeVersion,
    DateTime DataFrom,
    DateTime DataTo,
    int Rows,
    IReadOnlyDictionary<string, int> LabelBalance,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, object> Trainer,
    int Seed,
    string TaxonomyVersion,
    string Fingerprint,
    JsonElement Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TrainedOn = null)
{
    /// <summary>The model-specific card.</summary>
    public T DetailsAs<T>() => Details.Deserialize<T>(ModelRegistry.Json) ?? throw new InvalidDataException($"The card of {Model} {Version} has no details.");
}

/// <summary>The outcome of a champion/challenger comparison (or of a manual promotion or rollback).</summary>
/// <param name="Model">The model's name.</param>
/// <param name="At">When it was decided.</param>
/// <param name="Challenger">The version that was up for promotion.</param>
/// <param name="Champion">The champion it was measured against, or null when there was none.</param>
/// <param name="Metric">The metric compared.</param>
/// <param name="ChallengerScore">The challenger's score on the shared hold-out.</param>
/// <param name="ChampionScore">The champion's score on the same hold-out.</param>
/// <param name="HoldoutRows">Rows of the shared hold-out.</param>
/// <param name="Tolerance">How much worse the challenger could be and still win.</param>
/// <param name="Promoted">Whether the challenger became the champion.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record PromotionDecision(
    string Model,
    DateTimeOffset At,
    string Challenger,
    string? Champion,
    string Metric,
    double? ChallengerScore,
    double? ChampionScore,
    int HoldoutRows,
    double Tolerance,
    bool Promoted,
    string Reason);

/// <summary>A registered version: its card and where its files are.</summary>
public sealed record ModelVersion(ModelCard Card, string Folder)
{
    public const string ModelFile = "model.zip";

    public string Name => Card.Model;

    public string Version => Card.Version;

    /// <summary>The ML.NET model, saved with its input schema.</summary>
    public string ModelPath => Path.Combine(Folder, ModelFile);

    /// <summary>The model to predict with, recording this version.</summary>
    public SavedModel Saved => new(ModelPath, Version);
}
