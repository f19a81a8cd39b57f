using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>The columns de-duplication reads back from a stored part: id, update time and hash, not the whole row.</summary>
public interface IRecordKey
{
    string Id { get; }

    DateTime? UpdatedAt { get; }

    long RowHash { get; }
}

public sealed class ContactKey : IRecordKey
{
    [JsonPropertyName(Columns.ContactId)] public string ContactId { get; set; } = "";
    [JsonPropertyName(Columns.UpdatedAt)] public DateTime? UpdatedAt { get; set; }
    [JsonPropertyName(Columns.RowHash)] public long RowHash { get; set; }

    string IRecordKey.Id => ContactId;
}

public sealed class PurchaseKey : IRecordKey
{
    [JsonPropertyName(Columns.OrderId)] public string OrderId { get; set; } = "";
    [JsonPropertyName(Columns.UpdatedAt)] public DateTime? UpdatedAt { get; set; }
    [JsonPropertyName(Columns.RowHash)] public long RowHash { get; set; }

    string IRecordKey.Id => OrderId;
}

public sealed class CustomerKey : IRecordKey
{
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.UpdatedAt)] public DateTime? UpdatedAt { get; set; }
    [JsonPropertyName(Columns.RowHash)] public long RowHash { get; set; }

    string IRecordKey.Id => CustomerId;
}
