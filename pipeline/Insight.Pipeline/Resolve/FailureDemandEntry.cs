using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Resolve;

/// <summary>
/// One line of the failure-demand ledger (<c>out/failure-demand</c>): a repeat contact, charged to the root
/// cause and owning department of its issue's first contact at the cost of a contact on its channel.
/// </summary>
public sealed class FailureDemandEntry
{
    [JsonPropertyName(Columns.ContactId)] public string ContactId { get; set; } = "";
    [JsonPropertyName(Columns.StartedAt)] public DateTime StartedAt { get; set; }
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.IssueId)] public string IssueId { get; set; } = "";
    [JsonPropertyName(Columns.Channel)] public string Channel { get; set; } = "";
    [JsonPropertyName(Columns.RootCause)] public string RootCause { get; set; } = "";
    [JsonPropertyName(Columns.Owner)] public string Owner { get; set; } = "";
    [JsonPropertyName(Columns.Cost)] public double Cost { get; set; }
}
