using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Resolve;

/// <summary>
/// First-contact resolution and repeat contacts for one slice of the issues (a root cause, a channel, a
/// queue or an owning department), in <c>out/resolution-rates</c>. Rates are over judged issues only
/// (opened at least the repeat window before the as-of date); the counts behind every rate sit next to it.
/// </summary>
public sealed class ResolutionRate
{
    public const string All = "all";
    public const string ByRootCause = "root_cause";
    public const string ByChannel = "channel";
    public const string ByQueue = "queue";
    public const string ByOwner = "owner";

    /// <summary><see cref="All"/>, <see cref="ByRootCause"/>, <see cref="ByChannel"/> (of the first contact), <see cref="ByQueue"/> (of the first contact) or <see cref="ByOwner"/>.</summary>
    [JsonPropertyName(Columns.Dimension)] public string Dimension { get; set; } = "";
    [JsonPropertyName(Columns.Value)] public string Value { get; set; } = "";
    /// <summary>Issues opened in the period, judged or not.</summary>
    [JsonPropertyName(Columns.Issues)] public int Issues { get; set; }
    [JsonPropertyName(Columns.JudgedIssues)] public int JudgedIssues { get; set; }
    [JsonPropertyName(Columns.ResolvedFirstTimeIssues)] public int ResolvedFirstTimeIssues { get; set; }
    /// <summary>Resolved first time over judged issues; empty when none could be judged.</summary>
    [JsonPropertyName(Columns.FcrRate)] public double? FcrRate { get; set; }
    /// <summary>Touches of the judged issues.</summary>
    [JsonPropertyName(Columns.Touches)] public int Touches { get; set; }
    /// <summary>Touches after the first, in the judged issues.</summary>
    [JsonPropertyName(Columns.RepeatContacts)] public int RepeatContacts { get; set; }
    /// <summary>Repeat contacts over touches: the share of the slice's contact demand that was failure demand.</summary>
    [JsonPropertyName(Columns.RepeatRate)] public double? RepeatRate { get; set; }
    [JsonPropertyName(Columns.Transfers)] public int Transfers { get; set; }
    [JsonPropertyName(Columns.MeanTouches)] public double? MeanTouches { get; set; }
    /// <summary>Mean distinct agents per judged issue: how often customers were passed around.</summary>
    [JsonPropertyName(Columns.MeanAgents)] public double? MeanAgents { get; set; }
}
