using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>A validated, PII-redacted contact in <c>lake/contacts</c>.</summary>
public sealed class ContactRecord
{
    [JsonPropertyName(Columns.ContactId)] public string ContactId { get; set; } = "";
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    /// <summary>Start of the contact, UTC.</summary>
    [JsonPropertyName(Columns.StartedAt)] public DateTime StartedAt { get; set; }
    /// <summary>One of phone, chat, email, self-service.</summary>
    [JsonPropertyName(Columns.Channel)] public string Channel { get; set; } = "";
    [JsonPropertyName(Columns.AgentId)] public string? AgentId { get; set; }
    [JsonPropertyName(Columns.Queue)] public string? Queue { get; set; }
    /// <summary>The agent's wrap-up code when it names a known root cause; otherwise null.</summary>
    [JsonPropertyName(Columns.Disposition)] public string? Disposition { get; set; }
    [JsonPropertyName(Columns.HandleSeconds)] public int? HandleSeconds { get; set; }
    /// <summary>The whole transcript with speaker tags (<c>Customer:</c>/<c>Agent:</c>), redacted.</summary>
    [JsonPropertyName(Columns.Transcript)] public string Transcript { get; set; } = "";
    /// <summary>The customer's turns only, redacted: what the classifier reads first.</summary>
    [JsonPropertyName(Columns.CustomerText)] public string CustomerText { get; set; } = "";
    [JsonPropertyName(Columns.Source)] public string Source { get; set; } = "";
    [JsonPropertyName(Columns.SourceRow)] public long SourceRow { get; set; }
}
