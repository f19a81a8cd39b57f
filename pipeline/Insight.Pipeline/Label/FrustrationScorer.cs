using System.Buffers;
using Insight.Pipeline.Taxonomy;

namespace Insight.Pipeline.Label;

/// <summary>
/// A contact's frustration between 0 and 1 from the customer's own words: the taxonomy's frustration
/// phrases and escalation cues, the pain points found, exclamation marks and shouted words. Each signal
/// adds to a strength s and the score is 1 - exp(-s / 2), so one clear cue gives about 0.4, three about
/// 0.8, and more saturate towards 1.
/// </summary>
public sealed class FrustrationScorer(FrustrationCues cues)
{
    /// <summary>Every phrase and cue, searched for at once: most texts have none, and then none is counted one by one.</summary>
    private readonly SearchValues<string>? _anyCue = cues.Phrases.Concat(cues.Escalation).ToList() is { Count: > 0 } all && all.All(c => c.Length > 0)
        ? SearchValues.Create([.. all], StringComparison.OrdinalIgnoreCase)
        : null;

    /// <summary>Strength of each distinct frustration phrase.</summary>
    public const double PhraseWeight = 1.0;

    /// <summary>Strength of each distinct escalation cue (manager, formal complaint, leaving).</summary>
    public const double EscalationWeight = 1.5;

    /// <summary>Strength of each pain point; being passed around or repeating oneself counts more.</summary>
    public const double PainPointWeight = 0.5;

    /// <summary>Strength of <c>transferred</c> and <c>repeat-explanation</c>.</summary>
    public const double RepeatPainPointWeight = 0.75;

    /// <summary>Strength of each exclamation mark or shouted word, up to three of each.</summary>
    public const double EmphasisWeight = 0.2;

    /// <summary>Scores one contact.</summary>
    /// <param name="customerText">What the customer said.</param>
    /// <param name="painPoints">The pain points tagged on the contact.</param>
    public float Score(string customerText, IReadOnlyCollection<string> painPoints)
    {
        double strength = 0;
        if (_anyCue is null || customerText.AsSpan().ContainsAny(_anyCue))
        {
            strength += PhraseWeight * cues.Phrases.Count(p => customerText.Contains(p, StringComparison.OrdinalIgnoreCase));
            strength += EscalationWeight * cues.Escalation.Count(p => customerText.Contains(p, StringComparison.OrdinalIgnoreCase));
        }

        strength += painPoints.Sum(p => p is "transferred" or "repeat-explanation" ? RepeatPainPointWeight : PainPointWeight);
        strength += EmphasisWeight * Math.Min(3, customerText.Count(c => c == '!'));
        strength += EmphasisWeight * Math.Min(3, ShoutedWords(customerText));
        return (float)Math.Round(1 - Math.Exp(-strength / 2), 3);
    }

    /// <summary>Words of three or more letters written in capitals (not redaction markers like <c>[EMAIL]</c>).</summary>
    private static int ShoutedWords(string text)
    {
        int count = 0;
        foreach (var range in text.AsSpan().SplitAny(" \t\n,.;:?"))
        {
            var word = text.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).Trim("!\"'()");
            if (word.Length >= 3 && !word.ContainsAny('[', ']') && IsCapitals(word))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsCapitals(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
