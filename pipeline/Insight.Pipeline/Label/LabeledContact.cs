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
    /// <summary>The calibrated chance that the classifier's best root cause is right (kept for unclassified contacts too).</summary>
    [JsonPropertyName(Columns.Confidence)] public float Confidence { get; set; }
    [JsonPropertyName(Columns.Disposition)] public string? Disposition { get; set; }
    /// <summary>The pain-point ids found, joined by <c>;</c>; empty when none.</summary>
    [JsonPropertyName(Columns.PainPoints)] public string PainPoints { get; set; } = "";
    /// <summary>Frustration between 0 and 1 (see <see cref="FrustrationScorer"/>).</summary>
    [JsonPropertyName(Columns.Frustration)] public float Frustration { get; set; }
    [JsonPropertyName(Columns.TaxonomyVersion)] public string TaxonomyVersion { get; set; } = "";
    /// <summary>The registry version of the root-cause classifier that labelled the contact.</summary>
    [JsonPropertyName(Columns.RootCauseModel)] public string ModelVersion { get; set; } = "";
}
