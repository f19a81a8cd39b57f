namespace Insight.Models.Text;

/// <summary>The outcome of <see cref="TopicClusterer.Cluster"/>.</summary>
/// <param name="Assignments">The topic of each text.</param>
/// <param name="Distances">Each text's squared distance to its topic's centre (lower is more typical).</param>
/// <param name="Topics">The topics, by index.</param>
public sealed record TopicClustering(IReadOnlyList<int> Assignments, IReadOnlyList<float> Distances, IReadOnlyList<Topic> Topics);
