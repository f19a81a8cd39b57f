using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Churn;

/// <summary>A customer's churn score at the as-of date, in <c>lake/churn-scores</c>.</summary>
public sealed class ChurnScore
{
    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.AsOf)] public DateTime AsOf { get; set; }
    /// <summary>Calibrated probability of no purchase within the horizon.</summary>
    [JsonPropertyName(Columns.ChurnProbability)] public double ChurnProbability { get; set; }
    /// <summary>What the customer would spend over the horizon at their rate of the last year.</summary>
    [JsonPropertyName(Columns.ExpectedSpend)] public double ExpectedSpend { get; set; }
    /// <summary>Churn probability times expected spend.</summary>
    [JsonPropertyName(Columns.ValueAtRisk)] public double ValueAtRisk { get; set; }
    /// <summary>high, medium or low.</summary>
    [JsonPropertyName(Columns.Tier)] public string Tier { get; set; } = "";
    /// <summary>Up to three reasons in words, separated by "; ".</summary>
    [JsonPropertyName(Columns.Reasons)] public string Reasons { get; set; } = "";
    [JsonPropertyName(Columns.TopRootCause)] public string? TopRootCause { get; set; }
    [JsonPropertyName(Columns.SuggestedAction)] public string SuggestedAction { get; set; } = "";
    [JsonPropertyName(Columns.OwnerQueue)] public string OwnerQueue { get; set; } = "";
    [JsonPropertyName(Columns.DaysSinceLastOrder)] public double DaysSinceLastOrder { get; set; }
    /// <summary>True when the customer is already lost, not at risk: cancelled (subscription churn) or no purchase for a whole horizon (transactional).</summary>
    [JsonPropertyName(Columns.AlreadyChurned)] public bool AlreadyChurned { get; set; }
    /// <summary>The registry version of the churn model that scored the customer.</summary>
    [JsonPropertyName(Columns.ChurnModel)] public string ModelVersion { get; set; } = "";
}
