using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>A validated customer in <c>lake/customers</c>.</summary>
public sealed class CustomerRecord : IIngestedRecord
{
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.SignupAt)] public DateTime? SignupAt { get; set; }
    [JsonPropertyName(Columns.Segment)] public string? Segment { get; set; }
    /// <summary>Cancellation time for subscription businesses; null otherwise.</summary>
    [JsonPropertyName(Columns.CancelledAt)] public DateTime? CancelledAt { get; set; }
    /// <summary>Whether the customer has cancelled, for sources that say so without a date; null when the source does not say.</summary>
    [JsonPropertyName(Columns.Cancelled)] public bool? Cancelled { get; set; }
    /// <summary>The source's attribute columns (<c>Attributes</c> in the mapping) as a JSON object of column to text, redacted; null without any.</summary>
    [JsonPropertyName(Columns.Attributes)] public string? Attributes { get; set; }
    /// <summary>When the source last changed the row (its update column), UTC; null when the source has none.</summary>
    [JsonPropertyName(Columns.UpdatedAt)] public DateTime? UpdatedAt { get; set; }
    /// <summary>Hash of the stored values, to tell a re-sent row from a changed one.</summary>
    [JsonPropertyName(Columns.RowHash)] public long RowHash { get; set; }

    string IIngestedRecord.Key => CustomerId;

    DateTime? IIngestedRecord.EventTime => null;
}
