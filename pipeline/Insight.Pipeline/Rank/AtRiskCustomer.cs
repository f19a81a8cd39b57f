using System.Text.Json.Serialization;
using Insight.Pipeline.Churn;
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
    /// <summary>True for the held-out control group: do not contact (see <see cref="RankingOptions.ControlShare"/>).</summary>
    [JsonPropertyName(Columns.Control)] public bool Control { get; set; }
    /// <summary>The registry version of the churn model that scored the customer.</summary>
    [JsonPropertyName(Columns.ChurnModel)] public string ChurnModel { get; set; } = "";

    /// <summary>
    /// The at-risk list: active customers from the lowest probability, ranked by value at risk, at most
    /// <see cref="RankingOptions.AtRiskCapPerQueue"/> to contact per owner queue, with the control group
    /// flagged where it falls among them.
    /// </summary>
    public static List<AtRiskCustomer> List(IEnumerable<ChurnScore> scores, RankingOptions options)
    {
        var toContact = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<AtRiskCustomer>();
        foreach (var s in scores
            .Where(s => !s.AlreadyChurned && s.ChurnProbability >= options.AtRiskMinProbability)
            .OrderByDescending(s => s.ValueAtRisk)
            .ThenBy(s => s.CustomerId, StringComparer.Ordinal))
        {
            int contacted = toContact.GetValueOrDefault(s.OwnerQueue);
            if (options.AtRiskCapPerQueue > 0 && contacted >= options.AtRiskCapPerQueue)
            {
                continue;
            }

            bool control = IsControl(s.CustomerId, options.ControlShare);
            if (!control)
            {
                toContact[s.OwnerQueue] = contacted + 1;
            }

            list.Add(new AtRiskCustomer
            {
                Rank = list.Count + 1,
                CustomerId = s.CustomerId,
                ChurnProbability = s.ChurnProbability,
                ExpectedSpend = s.ExpectedSpend,
                ValueAtRisk = s.ValueAtRisk,
                Tier = s.Tier,
                Reasons = s.Reasons,
                TopRootCause = s.TopRootCause,
                SuggestedAction = control ? ControlAction : s.SuggestedAction,
                OwnerQueue = s.OwnerQueue,
                Control = control,
                ChurnModel = s.ModelVersion,
            });
        }

        return list;
    }

    public const string ControlAction = "Control: do not contact";

    /// <summary>Whether the customer is in the control group: a stable hash of the id, the same in every run.</summary>
    public static bool IsControl(string customerId, double share) => StableHash.Fraction(customerId, "retention-control") < share;
}
