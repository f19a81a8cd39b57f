namespace Insight.Pipeline.Taxonomy;

/// <summary>A pain point in the customer's experience of support (long wait, passed around...).</summary>
public sealed record PainPoint(string Id, string Name, IReadOnlyList<string> SeedPhrases);
