namespace Insight.Pipeline.Rank;

/// <summary>The outcome of ranking.</summary>
/// <param name="PeriodStart">First day of the ranking period.</param>
/// <param name="PeriodEnd">The as-of date, end of the period (exclusive).</param>
/// <param name="TopFixes">The highest-impact root causes, best first (at most five).</param>
/// <param name="RankedRootCauses">Root causes ranked.</param>
/// <param name="AtRiskCustomers">Customers on the at-risk list.</param>
/// <param name="ValueAtRisk">Value at risk of the at-risk list.</param>
/// <param name="Outputs">Files written.</param>
public sealed record RankReport(
    DateTime PeriodStart,
    DateTime PeriodEnd,
    IReadOnlyList<UpstreamFix> TopFixes,
    int RankedRootCauses,
    int AtRiskCustomers,
    double ValueAtRisk,
    IReadOnlyList<string> Outputs);
