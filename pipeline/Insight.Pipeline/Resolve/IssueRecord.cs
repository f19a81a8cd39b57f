using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Resolve;

/// <summary>
/// One issue in <c>lake/issues</c>: a customer's contacts about one root cause, each within the repeat
/// window of the previous one.
/// </summary>
public sealed class IssueRecord
{
    [JsonPropertyName(Columns.IssueId)] public string IssueId { get; set; } = "";
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.RootCause)] public string RootCause { get; set; } = "";
    [JsonPropertyName(Columns.Owner)] public string Owner { get; set; } = "";
    [JsonPropertyName(Columns.OpenedAt)] public DateTime OpenedAt { get; set; }
    [JsonPropertyName(Columns.LastContactAt)] public DateTime LastContactAt { get; set; }
    /// <summary>Contact records in the issue, transfer legs included.</summary>
    [JsonPropertyName(Columns.Contacts)] public int Contacts { get; set; }
    /// <summary>Times the customer had to get in touch: contacts less transfer legs.</summary>
    [JsonPropertyName(Columns.Touches)] public int Touches { get; set; }
    /// <summary>Contacts that came within the transfer window of the previous one.</summary>
    [JsonPropertyName(Columns.Transfers)] public int Transfers { get; set; }
    [JsonPropertyName(Columns.DistinctAgents)] public int DistinctAgents { get; set; }
    /// <summary>Channels used, comma-separated in order of first use.</summary>
    [JsonPropertyName(Columns.Channels)] public string Channels { get; set; } = "";
    [JsonPropertyName(Columns.FirstChannel)] public string FirstChannel { get; set; } = "";
    /// <summary>Queue of the first contact; empty when the source has none.</summary>
    [JsonPropertyName(Columns.FirstQueue)] public string FirstQueue { get; set; } = "";
    /// <summary>Touches after the first: the failure demand this issue caused.</summary>
    [JsonPropertyName(Columns.RepeatContacts)] public int RepeatContacts { get; set; }
    /// <summary>Days from the first contact to the last.</summary>
    [JsonPropertyName(Columns.DaysToLastContact)] public double DaysToLastContact { get; set; }
    /// <summary>True when the customer did not come back within the repeat window of the first touch.</summary>
    [JsonPropertyName(Columns.ResolvedFirstTime)] public bool ResolvedFirstTime { get; set; }
    /// <summary>False when the issue opened within the repeat window before the as-of date: too recent to judge.</summary>
    [JsonPropertyName(Columns.Judged)] public bool Judged { get; set; }
}
