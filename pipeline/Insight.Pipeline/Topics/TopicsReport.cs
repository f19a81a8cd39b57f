namespace Insight.Pipeline.Topics;

/// <summary>The outcome of clustering unclassified contacts.</summary>
/// <param name="UnclassifiedContacts">Unclassified contacts in the current and previous periods, the ones clustered.</param>
/// <param name="Clusters">Clusters made.</param>
/// <param name="Candidates">Clusters large enough to be candidate root causes.</param>
/// <param name="Persisting">Candidates that kept the id of a candidate from the previous run.</param>
/// <param name="Output">The CSV written.</param>
public sealed record TopicsReport(int UnclassifiedContacts, int Clusters, int Candidates, int Persisting, string Output);
