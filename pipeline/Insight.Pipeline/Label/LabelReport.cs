namespace Insight.Pipeline.Label;

/// <summary>The outcome of labelling.</summary>
/// <param name="Mode"><c>dispositions</c> when trained on agents' wrap-up codes, <c>seed-phrases</c> on cold start, <c>no-contacts</c> when there was nothing to label.</param>
/// <param name="TrainingExamples">Examples the classifier was first fitted on (it is then refitted with the hold-out added).</param>
/// <param name="HoldoutExamples">Labelled examples held out for evaluation and calibration.</param>
/// <param name="HoldoutAccuracy">Accuracy on the held-out labels (themselves noisy when they are dispositions, circular when they are seed phrases).</param>
/// <param name="HoldoutMacroAccuracy">Mean per-root-cause recall on the held-out labels.</param>
/// <param name="HoldoutMacroF1">Mean per-root-cause F1 on the held-out labels.</param>
/// <param name="Contacts">Contacts labelled.</param>
/// <param name="Unclassified">Contacts below the confidence threshold.</param>
/// <param name="TaxonomyVersion">The taxonomy the labels refer to.</param>
/// <param name="Abstention">How the confidence threshold was chosen and what it does on the hold-out.</param>
/// <param name="TrainingSeconds">Time to train the classifier (the calibration fit and the final fit) in this run; 0 when it labelled with the champion.</param>
/// <param name="ContactsPerSecond">Labelling throughput of the root-cause classifier.</param>
/// <param name="PainPoints">Contacts tagged with each pain point.</param>
/// <param name="MeanFrustration">Mean frustration score over the contacts.</param>
/// <param name="Classifier">The registry version of the root-cause classifier that labelled them.</param>
/// <param name="TrainedNow">Whether this run trained it (there was no champion); the training figures above are its card's.</param>
/// <param name="LabelledPerSecond">Contacts per second of the whole labelling pass: reading, root cause, pain points, frustration and writing (training excluded).</param>
public sealed record LabelReport(
    string Mode,
    int TrainingExamples,
    int HoldoutExamples,
    double HoldoutAccuracy,
    double HoldoutMacroAccuracy,
    double HoldoutMacroF1,
    int Contacts,
    int Unclassified,
    string TaxonomyVersion,
    AbstentionReport? Abstention,
    double TrainingSeconds,
    double ContactsPerSecond,
    IReadOnlyDictionary<string, int> PainPoints,
    double MeanFrustration,
    string? Classifier = null,
    bool TrainedNow = false,
    double LabelledPerSecond = 0);
