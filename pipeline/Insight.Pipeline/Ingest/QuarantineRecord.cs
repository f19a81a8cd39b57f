using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>An input row that failed validation, kept with its reason in <c>lake/quarantine</c>.</summary>
public sealed class QuarantineRecord
{
    /// <summary>contacts, purchases or customers.</summary>
    [JsonPropertyName(Columns.Source)] public string Source { get; set; } = "";
    [JsonPropertyName(Columns.File)] public string File { get; set; } = "";
    /// <summary>1-based data row number in the file (the header is row 0).</summary>
    [JsonPropertyName(Columns.Row)] public long Row { get; set; }
    [JsonPropertyName(Columns.Field)] public string Field { get; set; } = "";
    [JsonPropertyName(Columns.Reason)] public string Reason { get; set; } = "";
    /// <summary>The raw row, PII-redacted.</summary>
    [JsonPropertyName(Columns.Raw)] public string Raw { get; set; } = "";
}
