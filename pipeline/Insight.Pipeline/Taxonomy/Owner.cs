namespace Insight.Pipeline.Taxonomy;

/// <summary>A department that owns upstream fixes.</summary>
public sealed record Owner(string Id, string Name);
