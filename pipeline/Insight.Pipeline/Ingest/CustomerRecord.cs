using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>A validated customer in <c>lake/customers</c>.</summary>
public sealed class CustomerRecord
{
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.SignupAt)] public DateTime? SignupAt { get; set; }
    [JsonPropertyName(Columns.Segment)] public string? Segment { get; set; }
    /// <summary>Cancellation time for subscription businesses; null otherwise.</summary>
    [JsonPropertyName(Columns.CancelledAt)] public DateTime? CancelledAt { get; set; }
}
