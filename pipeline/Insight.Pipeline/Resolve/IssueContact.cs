using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Resolve;

/// <summary>
/// One contact's place in its issue, in <c>lake/issue-contacts</c>: the first touch, a transfer leg (within
/// the transfer window of the previous contact) or a repeat (the customer had to come back).
/// </summary>
public sealed class IssueContact
{
    public const string First = "first";
    public const string Transfer = "transfer";
    public const string Repeat = "repeat";

    [JsonPropertyName(Columns.ContactId)] public string ContactId { get; set; } = "";
    [JsonPropertyName(Columns.IssueId)] public string IssueId { get; set; } = "";
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.StartedAt)] public DateTime StartedAt { get; set; }
    [JsonPropertyName(Columns.Channel)] public string Channel { get; set; } = "";
    [JsonPropertyName(Columns.Queue)] public string Queue { get; set; } = "";
    [JsonPropertyName(Columns.AgentId)] public string AgentId { get; set; } = "";
    /// <summary>Root cause of the issue (that of its first contact).</summary>
    [JsonPropertyName(Columns.RootCause)] public string RootCause { get; set; } = "";
    /// <summary>Department owning the issue's root cause.</summary>
    [JsonPropertyName(Columns.Owner)] public string Owner { get; set; } = "";
    /// <summary><see cref="First"/>, <see cref="Transfer"/> or <see cref="Repeat"/>.</summary>
    [JsonPropertyName(Columns.Role)] public string Role { get; set; } = "";
}
