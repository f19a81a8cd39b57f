namespace Insight.Pipeline.Label;

/// <summary>The outcome of labelling.</summary>
/// <param name="Mode"><c>dispositions</c> when trained on agents' wrap-up codes, <c>seed-phrases</c> on cold start.</param>
/// <param name="TrainingExamples">Examples the classifier was trained on.</param>
/// <param name="HoldoutExamples">Labelled examples held out for evaluation.</param>
/// <param name="HoldoutAccuracy">Accuracy on the held-out labels (themselves noisy when they are dispositions).</param>
/// <param name="HoldoutMacroAccuracy">Mean per-root-cause recall on the held-out labels.</param>
/// <param name="Contacts">Contacts labelled.</param>
/// <param name="Unclassified">Contacts below the confidence threshold.</param>
/// <param name="TaxonomyVersion">The taxonomy the labels refer to.</param>
public sealed record LabelReport(
    string Mode,
    int TrainingExamples,
    int HoldoutExamples,
    double HoldoutAccuracy,
    double HoldoutMacroAccuracy,
    int Contacts,
    int Unclassified,
    string TaxonomyVersion);
