using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Rank;

/// <summary>One customer in <c>out/at-risk-customers</c>, for a retention team to work.</summary>
public sealed class AtRiskCustomer
{
    [JsonPropertyName(Columns.Rank)] public int Rank { get; set; }
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.ChurnProbability)] public double ChurnProbability { get; set; }
    [JsonPropertyName(Columns.ExpectedSpend)] public double ExpectedSpend { get; set; }
    [JsonPropertyName(Columns.ValueAtRisk)] public double ValueAtRisk { get; set; }
    [JsonPropertyName(Columns.Tier)] public string Tier { get; set; } = "";
    [JsonPropertyName(Columns.Reasons)] public string Reasons { get; set; } = "";
    [JsonPropertyName(Columns.TopRootCause)] public string? TopRootCause { get; set; }
    [JsonPropertyName(Columns.SuggestedAction)] public string SuggestedAction { get; set; } = "";
    [JsonPropertyName(Columns.OwnerQueue)] public string OwnerQueue { get; set; } = "";
}
