using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Insight.Pipeline.Ingest;

/// <summary>Who spoke a turn.</summary>
public enum Speaker
{
    Customer,
    Agent,
    /// <summary>A system or agent-tool note (e.g. "account pulled up"), neither party's words.</summary>
    System,
}

/// <summary>One turn of a conversation.</summary>
public readonly record struct Turn(Speaker Speaker, string Text);

/// <summary>
/// Turns from every transcript shape, and the one form stored in the lake: a line per turn with a
/// speaker tag (<c>Customer: ...</c>, <c>Agent: ...</c>, <c>System: ...</c>), so that the later stages
/// can always tell the customer's words from the agent's.
/// </summary>
public sealed partial class Transcripts
{
    private static readonly Dictionary<string, Speaker> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["customer"] = Speaker.Customer, ["caller"] = Speaker.Customer, ["user"] = Speaker.Customer, ["client"] = Speaker.Customer,
        ["agent"] = Speaker.Agent, ["advisor"] = Speaker.Agent, ["rep"] = Speaker.Agent, ["representative"] = Speaker.Agent,
        ["system"] = Speaker.Agent, ["assistant"] = Speaker.Agent, ["bot"] = Speaker.Agent,
        ["note"] = Speaker.System,
    };

    private readonly Dictionary<string, Speaker> _speakers;
    private readonly Dictionary<string, Speaker>.AlternateLookup<ReadOnlySpan<char>> _speakerSpans;
    private readonly Regex? _tagPattern;

    public Transcripts(TranscriptOptions options)
    {
        _speakers = new Dictionary<string, Speaker>(BuiltIn, StringComparer.OrdinalIgnoreCase);
        foreach (var (value, role) in options.Speakers)
        {
            _speakers[value.Trim()] = ParseRole(role) ?? throw new InvalidDataException($"speaker role '{role}' for '{value}' is not customer, agent or system");
        }

        _speakerSpans = _speakers.GetAlternateLookup<ReadOnlySpan<char>>();

        if (options.Shape == TranscriptOptions.TaggedShape)
        {
            var tags = (options.Speakers.Count > 0 ? options.Speakers.Keys.AsEnumerable() : _speakers.Keys)
                .OrderByDescending(t => t.Length)
                .Select(Regex.Escape);
            string alternatives = string.Join('|', tags);
            _tagPattern = new Regex(
                options.TagColon ? $@"(?<![\w])({alternatives})\s*:" : $@"(?<![\w])({alternatives})(?![\w])\s*:?",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }

    /// <summary>The role of a speaker value, or null when it is not known.</summary>
    public Speaker? SpeakerOf(string? value) =>
        value is not null && _speakers.TryGetValue(value.Trim(), out var speaker) ? speaker : null;

    /// <summary>
    /// Turns of a text whose lines may start with a speaker tag. Lines without a tag continue the turn
    /// before; null when no line has a tag (plain text: the customer's words).
    /// </summary>
    public List<Turn>? FromLines(string text)
    {
        var turns = new List<Turn>(8);
        bool anyTag = false;
        var all = text.AsSpan();
        foreach (var range in all.Split('\n'))
        {
            var line = all[range].Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon > 0 && colon <= 20 && _speakerSpans.TryGetValue(line[..colon].Trim(), out var speaker))
            {
                anyTag = true;
                turns.Add(new Turn(speaker, line[(colon + 1)..].Trim().ToString()));
            }
            else if (turns.Count > 0)
            {
                turns[^1] = turns[^1] with { Text = string.Concat(turns[^1].Text, " ", line) };
            }
            else
            {
                turns.Add(new Turn(Speaker.Customer, line.ToString()));
            }
        }

        return anyTag ? turns : null;
    }

    /// <summary>Turns of one string with speaker tags anywhere in it; text before the first tag is dropped when it is only noise.</summary>
    public List<Turn> FromTagged(string text)
    {
        var turns = new List<Turn>();
        var matches = _tagPattern!.Matches(text);
        if (matches.Count == 0)
        {
            return [new Turn(Speaker.Customer, Clean(text))];
        }

        string before = Clean(text[..matches[0].Index]);
        if (before.Length > 0)
        {
            turns.Add(new Turn(Speaker.Customer, before));
        }

        for (int i = 0; i < matches.Count; i++)
        {
            int start = matches[i].Index + matches[i].Length;
            int end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            string words = Clean(text[start..end]);
            var speaker = SpeakerOf(matches[i].Groups[1].Value)!.Value;
            if (words.Length == 0)
            {
                continue;
            }

            // Consecutive segments of the same speaker are one turn.
            if (turns.Count > 0 && turns[^1].Speaker == speaker)
            {
                turns[^1] = turns[^1] with { Text = turns[^1].Text + " " + words };
            }
            else
            {
                turns.Add(new Turn(speaker, words));
            }
        }

        return turns;
    }

    /// <summary>Turns of a JSON array: objects with the speaker and text properties, or pairs <c>[speaker, text]</c>.</summary>
    /// <exception cref="FormatException">The array or one of its turns is not in that shape; the message says which.</exception>
    public List<Turn> FromJson(JsonElement array, string speakerProperty, string textProperty)
    {
        if (array.ValueKind == JsonValueKind.String)
        {
            using var inner = JsonDocument.Parse(array.GetString()!);
            return FromJson(inner.RootElement.Clone(), speakerProperty, textProperty);
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"is JSON {array.ValueKind}, not an array of turns");
        }

        var turns = new List<Turn>(array.GetArrayLength());
        int index = 0;
        foreach (var element in array.EnumerateArray())
        {
            string? speaker;
            string? words;
            if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() >= 2)
            {
                speaker = JsonPaths.Text(element[0]);
                words = JsonPaths.Text(element[1]);
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                speaker = JsonPaths.TryWalk(element, speakerProperty, out var s) ? JsonPaths.Text(s) : null;
                words = JsonPaths.TryWalk(element, textProperty, out var t) ? JsonPaths.Text(t) : null;
            }
            else
            {
                throw new FormatException($"turn {index} is JSON {element.ValueKind}, not an object or a [speaker, text] pair");
            }

            var role = SpeakerOf(speaker) ?? throw new FormatException(
                speaker is null ? $"turn {index} has no '{speakerProperty}'" : $"turn {index} has speaker '{Truncate(speaker)}', which is not mapped to customer, agent or system (Transcript:Speakers)");
            if (!string.IsNullOrWhiteSpace(words))
            {
                turns.Add(new Turn(role, Clean(words)));
            }

            index++;
        }

        return turns;
    }

    /// <summary>The stored form: one line per turn with its speaker tag.</summary>
    public static string Render(IReadOnlyList<Turn> turns)
    {
        int length = 0;
        foreach (var turn in turns)
        {
            length += (length > 0 ? 1 : 0) + TagOf(turn.Speaker).Length + turn.Text.Length;
        }

        return string.Create(length, turns, static (span, turns) =>
        {
            int at = 0;
            foreach (var turn in turns)
            {
                if (at > 0)
                {
                    span[at++] = '\n';
                }

                string tag = TagOf(turn.Speaker);
                tag.CopyTo(span[at..]);
                at += tag.Length;
                turn.Text.CopyTo(span[at..]);
                at += turn.Text.Length;
            }
        });
    }

    private static string TagOf(Speaker speaker) => speaker switch { Speaker.Customer => "Customer: ", Speaker.Agent => "Agent: ", _ => "System: " };

    /// <summary>The customer's turns, a line each.</summary>
    public static string CustomerText(IReadOnlyList<Turn> turns) =>
        string.Join('\n', turns.Where(t => t.Speaker == Speaker.Customer).Select(t => t.Text));

    public static Speaker? ParseRole(string role) => role.Trim().ToLowerInvariant() switch
    {
        "customer" => Speaker.Customer,
        "agent" => Speaker.Agent,
        "system" => Speaker.System,
        _ => null,
    };

    /// <summary>Whitespace (line breaks included) collapsed to single spaces, so a turn is one line.</summary>
    public static string Clean(string text) => Whitespace().Replace(text, " ").Trim();

    internal static string Truncate(string value, int length = 40) => value.Length <= length ? value : value[..length] + "...";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
