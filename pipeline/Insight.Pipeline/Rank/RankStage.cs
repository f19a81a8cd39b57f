using Insight.Pipeline.Churn;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Rank;

/// <inheritdoc />
public sealed class RankStage(ParquetLake lake, RootCauseTaxonomy taxonomy, IOptions<RankingOptions> options) : IRankStage
{
    public const string UpstreamFixesFile = "upstream-fixes";
    public const string AtRiskCustomersFile = "at-risk-customers";

    private readonly RankingOptions _options = options.Value;

    public async Task<RankReport> RunAsync(DateTime asOf, string outputFolder, CancellationToken cancellationToken)
    {
        var periodStart = asOf.AddDays(-_options.PeriodDays);
        var previousStart = periodStart.AddDays(-_options.PeriodDays);
        var contacts = await lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts, cancellationToken);
        var issues = await lake.ReadAllAsync<IssueRecord>(LakeTables.Issues, cancellationToken);
        var scores = (await lake.ReadAllAsync<ChurnScore>(LakeTables.ChurnScores, cancellationToken))
            .ToDictionary(s => s.CustomerId, StringComparer.Ordinal);

        var fixes = RankFixes(contacts, issues, scores, periodStart, previousStart, asOf);
        var atRisk = scores.Values
            .Where(s => !s.AlreadyChurned && s.ChurnProbability >= _options.AtRiskMinProbability)
            .OrderByDescending(s => s.ValueAtRisk)
            .ThenBy(s => s.CustomerId, StringComparer.Ordinal)
            .Select((s, i) => new AtRiskCustomer
            {
                Rank = i + 1,
                CustomerId = s.CustomerId,
                ChurnProbability = s.ChurnProbability,
                ExpectedSpend = s.ExpectedSpend,
                ValueAtRisk = s.ValueAtRisk,
                Tier = s.Tier,
                Reasons = s.Reasons,
                TopRootCause = s.TopRootCause,
                SuggestedAction = s.SuggestedAction,
                OwnerQueue = s.OwnerQueue,
            })
            .ToList();

        var fixFiles = await OutputWriter.WriteAsync(outputFolder, UpstreamFixesFile, fixes, cancellationToken);
        var atRiskFiles = await OutputWriter.WriteAsync(outputFolder, AtRiskCustomersFile, atRisk, cancellationToken);
        return new RankReport(periodStart, asOf, [.. fixes.Take(5)], fixes.Count, atRisk.Count, Math.Round(atRisk.Sum(a => a.ValueAtRisk), 2),
            [fixFiles.Csv, fixFiles.Parquet, atRiskFiles.Csv, atRiskFiles.Parquet]);
    }

    private List<UpstreamFix> RankFixes(
        IReadOnlyList<LabeledContact> contacts,
        IReadOnlyList<IssueRecord> issues,
        IReadOnlyDictionary<string, ChurnScore> scores,
        DateTime periodStart,
        DateTime previousStart,
        DateTime asOf)
    {
        var inPeriod = contacts.Where(c => c.StartedAt >= periodStart && c.StartedAt < asOf).ToLookup(c => c.RootCause, StringComparer.Ordinal);
        var previous = contacts.Where(c => c.StartedAt >= previousStart && c.StartedAt < periodStart).ToLookup(c => c.RootCause, StringComparer.Ordinal);
        var periodIssues = issues.Where(i => i.OpenedAt >= periodStart && i.OpenedAt < asOf).ToLookup(i => i.RootCause, StringComparer.Ordinal);

        var fixes = new List<UpstreamFix>();
        foreach (var rootCause in taxonomy.RootCauses)
        {
            var rootCauseContacts = inPeriod[rootCause.Id].ToList();
            if (rootCauseContacts.Count < _options.MinContacts)
            {
                continue;
            }

            var rootCauseIssues = periodIssues[rootCause.Id].ToList();
            var judged = rootCauseIssues.Where(i => i.Judged).ToList();
            var customers = rootCauseContacts.Select(c => c.CustomerId).Distinct(StringComparer.Ordinal).ToList();
            double cost = rootCauseContacts.Sum(c => _options.CostPerContact.GetValueOrDefault(c.Channel, _options.DefaultCostPerContact));
            double revenueAtRisk = customers.Sum(id => scores.TryGetValue(id, out var s) ? s.ChurnProbability * s.ExpectedSpend : 0);
            int previousContacts = previous[rootCause.Id].Count();
            fixes.Add(new UpstreamFix
            {
                RootCause = rootCause.Id,
                Name = rootCause.Name,
                Owner = rootCause.Owner,
                Contacts = rootCauseContacts.Count,
                Issues = rootCauseIssues.Count,
                CustomersAffected = customers.Count,
                FcrRate = judged.Count == 0 ? null : Math.Round(judged.Count(i => i.ResolvedFirstTime) / (double)judged.Count, 4),
                JudgedIssues = judged.Count,
                RepeatContacts = rootCauseIssues.Sum(i => i.Touches - 1),
                ContactCost = Math.Round(cost, 2),
                RevenueAtRisk = Math.Round(revenueAtRisk, 2),
                ContactsPreviousPeriod = previousContacts,
                Trend = previousContacts == 0 ? null : Math.Round(rootCauseContacts.Count / (double)previousContacts, 3),
                Impact = Math.Round((_options.CostWeight * cost) + (_options.RevenueWeight * revenueAtRisk), 2),
                SuggestedFix = rootCause.SuggestedFix,
            });
        }

        // Highest impact first; equal impact is ordered by root-cause id so the list is stable.
        var ranked = fixes.OrderByDescending(f => f.Impact).ThenBy(f => f.RootCause, StringComparer.Ordinal).ToList();
        for (int i = 0; i < ranked.Count; i++)
        {
            ranked[i].Rank = i + 1;
        }

        return ranked;
    }
}
