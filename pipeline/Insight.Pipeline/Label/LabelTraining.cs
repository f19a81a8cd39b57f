using Insight.Models.Text;
using Insight.Pipeline.Registry;

namespace Insight.Pipeline.Label;

/// <summary>What training the root-cause classifier found: the model-specific part of its registry card.</summary>
/// <param name="Mode">As in <see cref="LabelReport"/>, with the other fields up to <paramref name="Abstention"/>.</param>
/// <param name="TrainingExamples">See <see cref="LabelReport"/>.</param>
/// <param name="HoldoutExamples">See <see cref="LabelReport"/>.</param>
/// <param name="HoldoutAccuracy">See <see cref="LabelReport"/>.</param>
/// <param name="HoldoutMacroAccuracy">See <see cref="LabelReport"/>.</param>
/// <param name="HoldoutMacroF1">See <see cref="LabelReport"/>.</param>
/// <param name="TaxonomyVersion">See <see cref="LabelReport"/>.</param>
/// <param name="Abstention">See <see cref="LabelReport"/>.</param>
/// <param name="DataFrom">The day of the first contact it learned from.</param>
/// <param name="DataTo">The day after the last contact it learned from.</param>
/// <param name="LabelBalance">Its examples per root cause.</param>
public sealed record ClassifierCard(
    string Mode,
    int TrainingExamples,
    int HoldoutExamples,
    double HoldoutAccuracy,
    double HoldoutMacroAccuracy,
    double HoldoutMacroF1,
    string TaxonomyVersion,
    AbstentionReport? Abstention,
    DateTime DataFrom,
    DateTime DataTo,
    IReadOnlyDictionary<string, int> LabelBalance);

/// <summary>A trained root-cause classifier, and the recent labelled contacts it did not learn from (what it is compared with the champion on).</summary>
/// <param name="Card">What training found.</param>
/// <param name="RecentHoldout">Labelled contacts from the hold-out window; empty when the window had too few to compare on (the classifier then learned from every contact).</param>
/// <param name="TrainingSeconds">Time to train it (the calibration fit and the final fit).</param>
public sealed record ClassifierTraining(ClassifierCard Card, IReadOnlyList<ContactText> RecentHoldout, double TrainingSeconds);

/// <summary>The root-cause classifier a label stage labels with.</summary>
/// <param name="Saved">The model file and its registry version.</param>
/// <param name="Card">What its training found.</param>
/// <param name="TrainingSeconds">Time this run took to train it (there was no champion); null when it is the champion a run before trained.</param>
public sealed record RootCauseModel(SavedModel Saved, ClassifierCard Card, double? TrainingSeconds);

/// <summary>What a sharded label stage prepares once for its shards: the classifier and the pain-point taggers they load.</summary>
/// <param name="Classifier">The classifier; null when there were no contacts.</param>
/// <param name="PainPointTaggers">Each pain-point fold's tagger file in the model folder, null for a fold without one.</param>
public sealed record LabelTraining(RootCauseModel? Classifier, IReadOnlyList<string?> PainPointTaggers);

/// <summary>What labelling some contacts (a shard's, or all) found.</summary>
/// <param name="Contacts">Contacts labelled.</param>
/// <param name="Unclassified">Contacts below the confidence threshold.</param>
/// <param name="PainPoints">Contacts tagged with each pain point.</param>
/// <param name="FrustrationSum">The sum of the contacts' frustration scores.</param>
/// <param name="ClassifierSeconds">Time the root-cause classifier took over the contacts.</param>
/// <param name="LabellingSeconds">Time of the whole labelling pass (reading, classifying, pain points, frustration, writing), training excluded.</param>
public sealed record LabelScoring(int Contacts, int Unclassified, IReadOnlyDictionary<string, int> PainPoints, double FrustrationSum, double ClassifierSeconds, double LabellingSeconds = 0);
