namespace Insight.Pipeline.Label;

/// <summary>What training the label stage's models found (the fields of <see cref="LabelReport"/> that do not count labelled contacts), and where they are.</summary>
/// <param name="Mode">As in <see cref="LabelReport"/>, with the other fields up to <paramref name="TrainingSeconds"/>.</param>
/// <param name="TrainingExamples">See <see cref="LabelReport"/>.</param>
/// <param name="HoldoutExamples">See <see cref="LabelReport"/>.</param>
/// <param name="HoldoutAccuracy">See <see cref="LabelReport"/>.</param>
/// <param name="HoldoutMacroAccuracy">See <see cref="LabelReport"/>.</param>
/// <param name="HoldoutMacroF1">See <see cref="LabelReport"/>.</param>
/// <param name="TaxonomyVersion">See <see cref="LabelReport"/>.</param>
/// <param name="Abstention">See <see cref="LabelReport"/>.</param>
/// <param name="TrainingSeconds">See <see cref="LabelReport"/>.</param>
/// <param name="Classifier">The root-cause classifier's file in the model folder; null when there were no contacts.</param>
/// <param name="PainPointTaggers">Each pain-point fold's tagger file in the model folder, null for a fold without one; empty when they were not saved.</param>
public sealed record LabelTraining(
    string Mode,
    int TrainingExamples,
    int HoldoutExamples,
    double HoldoutAccuracy,
    double HoldoutMacroAccuracy,
    double HoldoutMacroF1,
    string TaxonomyVersion,
    AbstentionReport? Abstention,
    double TrainingSeconds,
    string? Classifier,
    IReadOnlyList<string?> PainPointTaggers);

/// <summary>What labelling some contacts (a shard's, or all) found.</summary>
/// <param name="Contacts">Contacts labelled.</param>
/// <param name="Unclassified">Contacts below the confidence threshold.</param>
/// <param name="PainPoints">Contacts tagged with each pain point.</param>
/// <param name="FrustrationSum">The sum of the contacts' frustration scores.</param>
/// <param name="ClassifierSeconds">Time the root-cause classifier took over the contacts.</param>
public sealed record LabelScoring(int Contacts, int Unclassified, IReadOnlyDictionary<string, int> PainPoints, double FrustrationSum, double ClassifierSeconds);
