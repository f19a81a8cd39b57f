using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>A validated, PII-redacted contact in <c>lake/contacts</c>.</summary>
public sealed class ContactRecord : IIngestedRecord
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
    /// <summary>Number of turns in the transcript.</summary>
    [JsonPropertyName(Columns.Turns)] public int Turns { get; set; }
    /// <summary>The file (or table) the contact came from.</summary>
    [JsonPropertyName(Columns.Source)] public string Source { get; set; } = "";
    /// <summary>1-based row of the contact in its source (its first row, for turns as rows).</summary>
    [JsonPropertyName(Columns.SourceRow)] public long SourceRow { get; set; }
    /// <summary>When the source last changed the row (its update column), UTC; null when the source has none.</summary>
    [JsonPropertyName(Columns.UpdatedAt)] public DateTime? UpdatedAt { get; set; }
    /// <summary>Hash of the stored values, to tell a re-sent row from a changed one.</summary>
    [JsonPropertyName(Columns.RowHash)] public long RowHash { get; set; }

    string IIngestedRecord.Key => ContactId;

    DateTime? IIngestedRecord.EventTime => StartedAt;
}
