using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Rank;

/// <summary>How upstream fixes are costed and ranked, and which customers make the at-risk list.</summary>
public sealed class RankingOptions
{
    public const string Section = "Ranking";

    /// <summary>Days before the as-of date that the ranking covers. The default is 90.</summary>
    [Range(7, 730)]
    public int PeriodDays { get; set; } = 90;

    /// <summary>Fewest contacts in the period for a root cause to be ranked. The default is 10.</summary>
    [Range(1, int.MaxValue)]
    public int MinContacts { get; set; } = 10;

    /// <summary>Cost of one contact by channel. The default is phone 6.0, chat 3.5, email 2.5, self-service 0.5.</summary>
    [Required]
    public Dictionary<string, double> CostPerContact { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cost of a contact on a channel missing from <see cref="CostPerContact"/>. The default is 4.0.</summary>
    [Range(0.0, 10_000.0)]
    public double DefaultCostPerContact { get; set; } = 4.0;

    /// <summary>Cost of one contact on <paramref name="channel"/>.</summary>
    public double CostOf(string channel) => CostPerContact.GetValueOrDefault(channel, DefaultCostPerContact);

    /// <summary>Weight of contact cost in impact. The default is 1.</summary>
    [Range(0.0, 1_000.0)]
    public double CostWeight { get; set; } = 1.0;

    /// <summary>
    /// Spend and recency bands (quantiles) that define comparable customers for the churn uplift: 4 by
    /// default (quartiles, 16 cells).
    /// </summary>
    [Range(1, 20)]
    public int ComparisonBands { get; set; } = 4;

    /// <summary>
    /// Which revenue at risk counts in impact: <c>excess</c> (the default), the expected spend put at risk by
    /// the churn uplift over comparable unaffected customers, so a root cause that drives churn outranks one
    /// that is merely frequent; or <c>gross</c>, the churn probability of every affected customer times their
    /// expected spend.
    /// </summary>
    [RegularExpression("^(excess|gross)$")]
    public string ImpactRevenue { get; set; } = "excess";

    /// <summary>Weight of revenue at risk in impact. The default is 1.</summary>
    [Range(0.0, 1_000.0)]
    public double RevenueWeight { get; set; } = 1.0;

    /// <summary>Lowest churn probability for a customer to be on the at-risk list. The default is 0.25.</summary>
    [Range(0.0, 1.0)]
    public double AtRiskMinProbability { get; set; } = 0.25;

    /// <summary>Most customers to contact per owner queue on the at-risk list (control customers ranked among them
    /// are listed too, not counted); 0 for no cap. The default is 500.</summary>
    [Range(0, 10_000_000)]
    public int AtRiskCapPerQueue { get; set; } = 500;

    /// <summary>
    /// Share of customers held out as a control group: flagged "control: do not contact" on the at-risk list,
    /// so that retention uplift can be measured against them later. A customer's membership is a stable
    /// hash of their id, so it does not change from run to run. The default is 0.1.
    /// </summary>
    [Range(0.0, 0.5)]
    public double ControlShare { get; set; } = 0.1;

    /// <summary>
    /// Optional CSV of fixes already made (<c>root_cause</c>, <c>fixed_at</c>, <c>note</c>): each gets a
    /// before/after check in <c>out/fix-checks</c>. Empty (the default) skips the checks.
    /// </summary>
    public string? FixesFile { get; set; }

    /// <summary>Days compared on each side of a fix (fewer when the as-of date is closer). The default is 28.</summary>
    [Range(7, 365)]
    public int FixCheckDays { get; set; } = 28;

    /// <summary>Days after an issue opens in which a purchase means the customer did not lapse. The default is 30.</summary>
    [Range(1, 365)]
    public int FixCheckFollowUpDays { get; set; } = 30;

    /// <summary>p-value below which a change counts as beyond noise. The default is 0.05.</summary>
    [Range(0.0001, 0.5)]
    public double FixCheckAlpha { get; set; } = 0.05;
}
