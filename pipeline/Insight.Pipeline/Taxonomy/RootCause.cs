namespace Insight.Pipeline.Taxonomy;

/// <summary>A root cause of customer contacts, owned by the department that can fix it.</summary>
/// <param name="Id">Stable identifier; never changes meaning across taxonomy versions.</param>
/// <param name="Name">Display name.</param>
/// <param name="Owner">Id of the owning department.</param>
/// <param name="Description">What the root cause is.</param>
/// <param name="SuggestedFix">The upstream fix to suggest to the owner.</param>
/// <param name="SeedPhrases">Phrases customers use for it.</param>
public sealed record RootCause(
    string Id,
    string Name,
    string Owner,
    string Description,
    string SuggestedFix,
    IReadOnlyList<string> SeedPhrases);
