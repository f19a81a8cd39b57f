using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Topics;

/// <summary>A candidate root cause found among unclassified contacts: a row of <c>out/emerging-topics.csv</c>
/// and of <c>lake/emerging-topics</c>, which carries ids from run to run.</summary>
public sealed class EmergingTopic
{
    /// <summary>Stable while the topic persists from run to run.</summary>
    [JsonPropertyName(Columns.TopicId)] public string TopicId { get; set; } = "";
    /// <summary>The terms that set the cluster apart, most distinctive first, joined by <c>; </c>.</summary>
    [JsonPropertyName(Columns.TopTerms)] public string TopTerms { get; set; } = "";
    /// <summary>Contacts in the cluster over both periods.</summary>
    [JsonPropertyName(Columns.Size)] public int Size { get; set; }
    /// <summary>Contacts in the current period.</summary>
    [JsonPropertyName(Columns.CurrentPeriod)] public int CurrentPeriod { get; set; }
    /// <summary>Contacts in the period before.</summary>
    [JsonPropertyName(Columns.PreviousPeriod)] public int PreviousPeriod { get; set; }
    /// <summary>(current - previous) / previous; null when the topic is new this period.</summary>
    [JsonPropertyName(Columns.Growth)] public double? Growth { get; set; }
    /// <summary>The most typical contacts' words, redacted and shortened.</summary>
    [JsonPropertyName(Columns.Example1)] public string Example1 { get; set; } = "";
    [JsonPropertyName(Columns.Example2)] public string Example2 { get; set; } = "";
    [JsonPropertyName(Columns.Example3)] public string Example3 { get; set; } = "";
    /// <summary>As-of date of the first run that found the topic.</summary>
    [JsonPropertyName(Columns.FirstSeen)] public DateTime FirstSeen { get; set; }
    /// <summary>As-of date of the latest run that found it.</summary>
    [JsonPropertyName(Columns.LastSeen)] public DateTime LastSeen { get; set; }
}
