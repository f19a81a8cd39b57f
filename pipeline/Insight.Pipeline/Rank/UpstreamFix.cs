using System.Text.Json.Serialization;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Rank;

/// <summary>One root cause in <c>out/upstream-fixes</c>, with what it cost over the ranking period.</summary>
public sealed class UpstreamFix
{
    [JsonPropertyName(Columns.Rank)] public int Rank { get; set; }
    [JsonPropertyName(Columns.RootCause)] public string RootCause { get; set; } = "";
    [JsonPropertyName(Columns.Name)] public string Name { get; set; } = "";
    [JsonPropertyName(Columns.Owner)] public string Owner { get; set; } = "";
    /// <summary>Contacts about the root cause in the period, transfer legs included.</summary>
    [JsonPropertyName(Columns.Contacts)] public int Contacts { get; set; }
    [JsonPropertyName(Columns.Issues)] public int Issues { get; set; }
    [JsonPropertyName(Columns.CustomersAffected)] public int CustomersAffected { get; set; }
    /// <summary>Share of judged issues resolved first time; empty when none could be judged.</summary>
    [JsonPropertyName(Columns.FcrRate)] public double? FcrRate { get; set; }
    [JsonPropertyName(Columns.JudgedIssues)] public int JudgedIssues { get; set; }
    /// <summary>Repeat contacts made in the period: the failure demand (lines of the ledger).</summary>
    [JsonPropertyName(Columns.RepeatContacts)] public int RepeatContacts { get; set; }
    [JsonPropertyName(Columns.ContactCost)] public double ContactCost { get; set; }
    /// <summary>What the repeat contacts in the period cost (the failure-demand ledger's lines for this root cause).</summary>
    [JsonPropertyName(Columns.FailureDemandCost)] public double FailureDemandCost { get; set; }
    /// <summary>Sum over affected customers of churn probability times expected spend.</summary>
    [JsonPropertyName(Columns.RevenueAtRisk)] public double RevenueAtRisk { get; set; }
    /// <summary>Mean churn probability of the affected customers minus that of comparable unaffected ones (same spend and recency band); empty when there is nothing to compare.</summary>
    [JsonPropertyName(Columns.ChurnUplift)] public double? ChurnUplift { get; set; }
    /// <summary>Expected spend put at risk by that uplift, at least 0: what impact counts by default.</summary>
    [JsonPropertyName(Columns.ExcessRevenueAtRisk)] public double ExcessRevenueAtRisk { get; set; }
    [JsonPropertyName(Columns.ContactsPreviousPeriod)] public int ContactsPreviousPeriod { get; set; }
    /// <summary>Contacts against the previous period of the same length (1.5 = up 50%); empty when there were none before.</summary>
    [JsonPropertyName(Columns.Trend)] public double? Trend { get; set; }
    /// <summary>Weighted contact cost plus weighted revenue at risk (excess by default, see <c>Ranking:ImpactRevenue</c>): what the ranking sorts by.</summary>
    [JsonPropertyName(Columns.Impact)] public double Impact { get; set; }
    [JsonPropertyName(Columns.SuggestedFix)] public string SuggestedFix { get; set; } = "";
    /// <summary>The customer's words in a contact about the root cause, redacted; up to three.</summary>
    [JsonPropertyName(Columns.Example1)] public string Example1 { get; set; } = "";
    [JsonPropertyName(Columns.Example2)] public string Example2 { get; set; } = "";
    [JsonPropertyName(Columns.Example3)] public string Example3 { get; set; } = "";
    /// <summary>The root-cause classifier version(s) that labelled the contacts, ';'-separated.</summary>
    [JsonPropertyName(Columns.RootCauseModel)] public string RootCauseModel { get; set; } = "";
    /// <summary>The churn model version(s) behind the revenue at risk, ';'-separated; empty without scores.</summary>
    [JsonPropertyName(Columns.ChurnModel)] public string ChurnModel { get; set; } = "";
}
