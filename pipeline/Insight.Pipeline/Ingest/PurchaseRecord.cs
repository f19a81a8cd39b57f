using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>A validated purchase in <c>lake/purchases</c>.</summary>
public sealed class PurchaseRecord : IIngestedRecord
{
    public const string Completed = "completed";
    public const string Returned = "returned";
    public const string Cancelled = "cancelled";

    [JsonPropertyName(Columns.OrderId)] public string OrderId { get; set; } = "";
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    /// <summary>Order time, UTC.</summary>
    [JsonPropertyName(Columns.OrderedAt)] public DateTime OrderedAt { get; set; }
    [JsonPropertyName(Columns.Amount)] public double Amount { get; set; }
    /// <summary>completed, returned or cancelled.</summary>
    [JsonPropertyName(Columns.Status)] public string Status { get; set; } = Completed;
    /// <summary>When the source last changed the row (its update column), UTC; null when the source has none.</summary>
    [JsonPropertyName(Columns.UpdatedAt)] public DateTime? UpdatedAt { get; set; }
    /// <summary>Hash of the stored values, to tell a re-sent row from a changed one.</summary>
    [JsonPropertyName(Columns.RowHash)] public long RowHash { get; set; }

    string IIngestedRecord.Key => OrderId;

    DateTime? IIngestedRecord.EventTime => OrderedAt;
}
