using Insight.Pipeline.Resolve;

namespace Insight.Pipeline.Rank;

/// <summary>The outcome of ranking.</summary>
/// <param name="PeriodStart">First day of the ranking period.</param>
/// <param name="PeriodEnd">The as-of date, end of the period (exclusive).</param>
/// <param name="TopFixes">The highest-impact root causes, best first (at most five).</param>
/// <param name="RankedRootCauses">Root causes ranked.</param>
/// <param name="AtRiskCustomers">Customers on the at-risk list.</param>
/// <param name="ValueAtRisk">Value at risk of the at-risk list.</param>
/// <param name="FailureDemand">Repeat contacts in the period and their cost, per owning department, costliest first.</param>
/// <param name="Resolution">First-contact resolution over all issues opened in the period.</param>
/// <param name="FixChecks">Before/after checks of the fixes already made (none without <c>Ranking:FixesFile</c>).</param>
/// <param name="Outputs">Files written.</param>
public sealed record RankReport(
    DateTime PeriodStart,
    DateTime PeriodEnd,
    IReadOnlyList<UpstreamFix> TopFixes,
    int RankedRootCauses,
    int AtRiskCustomers,
    double ValueAtRisk,
    IReadOnlyList<OwnerFailureDemand> FailureDemand,
    ResolutionRate Resolution,
    IReadOnlyList<FixCheck> FixChecks,
    IReadOnlyList<string> Outputs);

/// <summary>One department's share of the failure-demand ledger.</summary>
/// <param name="Owner">The owning department.</param>
/// <param name="RepeatContacts">Repeat contacts charged to it.</param>
/// <param name="Cost">What they cost.</param>
public sealed record OwnerFailureDemand(string Owner, int RepeatContacts, double Cost);
