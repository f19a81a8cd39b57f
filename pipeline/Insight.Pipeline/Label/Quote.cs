using Insight.Pipeline.Ingest;

namespace Insight.Pipeline.Label;

/// <summary>Example quotes for the outputs people read.</summary>
public static class Quote
{
    /// <summary>Longest quote, in characters; longer ones are cut with an ellipsis.</summary>
    public const int MaxLength = 240;

    /// <summary>The text on one line, redacted whatever the ingest setting, and shortened.</summary>
    public static string Of(string text)
    {
        string line = PiiRedactor.Redact(string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        return line.Length <= MaxLength ? line : line[..(MaxLength - 1)].TrimEnd() + "…";
    }
}
