using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Churn;

/// <summary>A customer's feature vector at the as-of date, in <c>lake/customer-features</c>; the
/// feature names are in the table's metadata under <c>insight.features</c>.</summary>
public sealed class CustomerFeatureRow
{
    public const string FeatureNamesKey = "insight.features";

    [JsonPropertyName(Columns.CustomerId)] public string CustomerId { get; set; } = "";
    [JsonPropertyName(Columns.AsOf)] public DateTime AsOf { get; set; }
    [JsonPropertyName(Columns.Values)] public float[] Values { get; set; } = [];
}
