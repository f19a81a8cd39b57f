namespace Insight.Pipeline.Evaluate;

/// <summary>How the run compares with a demo world's known truth.</summary>
/// <param name="ContactsCompared">Labelled contacts found in the truth.</param>
/// <param name="RootCauseAccuracy">Share labelled with their true root cause; unclassified counts as wrong.</param>
/// <param name="AccuracyOnClassified">The same among contacts the classifier did not abstain on.</param>
/// <param name="Coverage">Share of contacts not unclassified.</param>
/// <param name="IncidentRootCause">The injected incident's root cause.</param>
/// <param name="IncidentRank">Its rank in the upstream fixes; null when it is not ranked.</param>
/// <param name="PainPoints">Precision and recall of each pain-point tag against the true pain points.</param>
/// <param name="Frustration">Mean frustration of contacts with and without a true pain point.</param>
public sealed record TruthReport(
    int ContactsCompared,
    double RootCauseAccuracy,
    double AccuracyOnClassified,
    double Coverage,
    string? IncidentRootCause,
    int? IncidentRank,
    IReadOnlyList<TagQuality> PainPoints,
    FrustrationCheck Frustration);
