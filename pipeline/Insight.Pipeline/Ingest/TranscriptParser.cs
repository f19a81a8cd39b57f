namespace Insight.Pipeline.Ingest;

/// <summary>
/// Reads a transcript whose lines start with a speaker tag (<c>Customer: ...</c>, <c>Agent: ...</c>) and
/// returns what the customer said. A transcript without tags is taken as the customer's words.
/// </summary>
public static class TranscriptParser
{
    private static readonly Transcripts Default = new(new TranscriptOptions());

    /// <summary>The customer's turns joined by newlines.</summary>
    public static string CustomerText(string transcript) =>
        Default.FromLines(transcript) is { } turns ? Transcripts.CustomerText(turns) : transcript.Trim();
}
