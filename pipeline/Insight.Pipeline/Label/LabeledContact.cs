using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Label;

/// <summary>A contact with its predicted root cause, in <c>lake/labeled-contacts</c>.</summary>
public sealed class LabeledContact
{
    [JsonPropertyName(Columns.ContactId)] public string ContactId { get; set; } = "";
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.StartedAt)] public DateTime StartedAt { get; set; }
    [JsonPropertyName(Columns.Channel)] public string Channel { get; set; } = "";
    [JsonPropertyName(Columns.AgentId)] public string? AgentId { get; set; }
    [JsonPropertyName(Columns.Queue)] public string? Queue { get; set; }
    /// <summary>The predicted root-cause id, or <c>unclassified</c> below the confidence threshold.</summary>
    [JsonPropertyName(Columns.RootCause)] public string RootCause { get; set; } = "";
    [JsonPropertyName(Columns.Owner)] public string Owner { get; set; } = "";
    /// <summary>The classifier's probability for its best root cause (kept for unclassified contacts too).</summary>
    [JsonPropertyName(Columns.Confidence)] public float Confidence { get; set; }
    [JsonPropertyName(Columns.Disposition)] public string? Disposition { get; set; }
    [JsonPropertyName(Columns.TaxonomyVersion)] public string TaxonomyVersion { get; set; } = "";
}
