using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>A validated purchase in <c>lake/purchases</c>.</summary>
public sealed class PurchaseRecord
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
}
