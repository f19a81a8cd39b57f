namespace Insight.Models.Text;

/// <summary>A cluster of texts.</summary>
/// <param name="Index">Its index in <see cref="TopicClustering.Topics"/>.</param>
/// <param name="Size">Texts in it.</param>
/// <param name="TopTerms">Terms that set it apart, most distinctive first.</param>
public sealed record Topic(int Index, int Size, IReadOnlyList<string> TopTerms);
