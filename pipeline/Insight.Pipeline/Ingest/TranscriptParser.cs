namespace Insight.Pipeline.Ingest;

/// <summary>
/// Reads a transcript whose turns start with a speaker tag (<c>Customer: ...</c>, <c>Agent: ...</c>)
/// and returns what the customer said. A transcript without tags is taken as the customer's words.
/// </summary>
public static class TranscriptParser
{
    private static readonly string[] CustomerSpeakers = ["customer", "caller", "user", "client"];
    private static readonly string[] AgentSpeakers = ["agent", "advisor", "system", "assistant", "rep", "representative"];

    /// <summary>The customer's turns joined by newlines.</summary>
    public static string CustomerText(string transcript)
    {
        var customerTurns = new List<string>();
        bool anyTag = false;
        bool inCustomerTurn = false;
        foreach (var rawLine in transcript.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var speaker = SpeakerOf(line, out string text);
            if (speaker is not null)
            {
                anyTag = true;
                inCustomerTurn = speaker == true;
                if (inCustomerTurn)
                {
                    customerTurns.Add(text);
                }
            }
            else if (inCustomerTurn)
            {
                // A turn that goes on over several lines.
                customerTurns.Add(line);
            }
        }

        return anyTag ? string.Join('\n', customerTurns) : transcript.Trim();
    }

    /// <summary>True for a customer tag, false for an agent tag, null for a line without a tag.</summary>
    private static bool? SpeakerOf(string line, out string text)
    {
        text = line;
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon > 20)
        {
            return null;
        }

        string speaker = line[..colon].Trim().ToLowerInvariant();
        text = line[(colon + 1)..].Trim();
        if (CustomerSpeakers.Contains(speaker))
        {
            return true;
        }

        if (AgentSpeakers.Contains(speaker))
        {
            return false;
        }

        text = line;
        return null;
    }
}
