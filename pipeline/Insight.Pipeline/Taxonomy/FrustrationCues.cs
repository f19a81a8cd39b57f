namespace Insight.Pipeline.Taxonomy;

/// <summary>Words that show a customer's frustration, part of the taxonomy.</summary>
/// <param name="Phrases">Angry or fed-up wording ("ridiculous", "not happy").</param>
/// <param name="Escalation">Asking for a manager, complaining formally or threatening to leave.</param>
public sealed record FrustrationCues(IReadOnlyList<string> Phrases, IReadOnlyList<string> Escalation)
{
    public static FrustrationCues None { get; } = new([], []);
}
