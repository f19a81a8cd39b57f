using Insight.Pipeline.Churn;
using Insight.Pipeline.Ingest;
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
    public const string FailureDemandFile = "failure-demand";
    public const string ResolutionRatesFile = "resolution-rates";
    public const string FixesByOwnerFolder = "fixes-by-owner";
    public const string FixChecksFile = "fix-checks";

    /// <summary>Most-confident contacts per root cause read for quotes (duplicates are skipped).</summary>
    private const int QuoteCandidates = 20;

    private readonly RankingOptions _options = options.Value;

    public async Task<RankReport> RunAsync(DateTime asOf, string outputFolder, CancellationToken cancellationToken)
    {
        var periodStart = asOf.AddDays(-_options.PeriodDays);
        var previousStart = periodStart.AddDays(-_options.PeriodDays);
        var fixesMade = string.IsNullOrWhiteSpace(_options.FixesFile) ? [] : FixMade.Read(_options.FixesFile, taxonomy);

        // Only the dates the lists and the fix checks look at are held: this period, the one before, and the
        // windows around the fixes made.
        var from = fixesMade.Select(f => f.FixedAt.AddDays(-_options.FixCheckDays)).Append(previousStart).Min();
        var contacts = await lake.ReadWhereAsync<LabeledContact>(LakeTables.LabeledContacts, c => c.StartedAt >= from && c.StartedAt < asOf, cancellationToken);
        var issues = await lake.ReadWhereAsync<IssueRecord>(LakeTables.Issues, i => i.OpenedAt >= periodStart && i.OpenedAt < asOf, cancellationToken);
        var members = await lake.ReadWhereAsync<IssueContact>(LakeTables.IssueContacts, m => m.StartedAt >= from && m.StartedAt < asOf, cancellationToken);
        var ledger = ResolutionAnalytics.Ledger(members, _options.CostOf, periodStart, asOf);
        var rates = ResolutionAnalytics.Rates(issues);
        var scores = (await lake.ReadAllAsync<ChurnScore>(LakeTables.ChurnScores, cancellationToken))
            .ToDictionary(s => s.CustomerId, StringComparer.Ordinal);

        var inPeriod = contacts.Where(c => c.StartedAt >= periodStart && c.StartedAt < asOf).ToLookup(c => c.RootCause, StringComparer.Ordinal);
        var fixes = RankFixes(contacts, inPeriod, rates, ledger, scores, periodStart, previousStart);
        await AddQuotesAsync(fixes, inPeriod, cancellationToken);
        var atRisk = AtRiskCustomer.List(scores.Values, _options);

        var fixFiles = await OutputWriter.WriteAsync(outputFolder, UpstreamFixesFile, fixes, cancellationToken);
        var atRiskFiles = await OutputWriter.WriteAsync(outputFolder, AtRiskCustomersFile, atRisk, cancellationToken);
        var ledgerFiles = await OutputWriter.WriteAsync(outputFolder, FailureDemandFile, ledger, cancellationToken);
        var rateFiles = await OutputWriter.WriteAsync(outputFolder, ResolutionRatesFile, rates, cancellationToken);
        List<string> outputs =
        [
            fixFiles.Csv, fixFiles.Parquet, atRiskFiles.Csv, atRiskFiles.Parquet, ledgerFiles.Csv, ledgerFiles.Parquet, rateFiles.Csv, rateFiles.Parquet,
            .. WriteByOwner(outputFolder, fixes),
        ];
        var fixChecks = await CheckFixesAsync(fixesMade, from, contacts, members, asOf, cancellationToken);
        if (fixChecks.Count > 0)
        {
            var checkFiles = await OutputWriter.WriteAsync(outputFolder, FixChecksFile, fixChecks, cancellationToken);
            outputs.AddRange([checkFiles.Csv, checkFiles.Parquet]);
        }

        var failureDemand = ledger
            .GroupBy(e => e.Owner, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(e => e.Cost))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OwnerFailureDemand(g.Key, g.Count(), Math.Round(g.Sum(e => e.Cost), 2)))
            .ToList();
        return new RankReport(periodStart, asOf, [.. fixes.Take(5)], fixes.Count, atRisk.Count, Math.Round(atRisk.Sum(a => a.ValueAtRisk), 2),
            failureDemand, rates.Single(r => r.Dimension == ResolutionRate.All), fixChecks, outputs);
    }

    /// <summary>The distinct model versions behind a row, ';'-separated.</summary>
    private static string Versions(IEnumerable<string?> versions) =>
        string.Join(';', versions.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private List<UpstreamFix> RankFixes(
        IReadOnlyList<LabeledContact> contacts,
        ILookup<string, LabeledContact> inPeriod,
        IReadOnlyList<ResolutionRate> rates,
        IReadOnlyList<FailureDemandEntry> ledger,
        IReadOnlyDictionary<string, ChurnScore> scores,
        DateTime periodStart,
        DateTime previousStart)
    {
        var previous = contacts.Where(c => c.StartedAt >= previousStart && c.StartedAt < periodStart).ToLookup(c => c.RootCause, StringComparer.Ordinal);
        // The period's issues per root cause, as the resolution rates already count them.
        var resolution = rates.Where(r => r.Dimension == ResolutionRate.ByRootCause).ToDictionary(r => r.Value, StringComparer.Ordinal);
        var repeats = ledger.ToLookup(e => e.RootCause, StringComparer.Ordinal);

        var baseline = new ChurnBaseline(scores.Values, _options.ComparisonBands);
        var fixes = new List<UpstreamFix>();
        foreach (var rootCause in taxonomy.RootCauses)
        {
            var rootCauseContacts = inPeriod[rootCause.Id].ToList();
            if (rootCauseContacts.Count < _options.MinContacts)
            {
                continue;
            }

            var rate = resolution.GetValueOrDefault(rootCause.Id);
            var customers = rootCauseContacts.Select(c => c.CustomerId).Distinct(StringComparer.Ordinal).ToList();
            double cost = rootCauseContacts.Sum(c => _options.CostOf(c.Channel));
            double revenueAtRisk = customers.Sum(id => scores.TryGetValue(id, out var s) ? s.ChurnProbability * s.ExpectedSpend : 0);
            var (uplift, excess) = baseline.Compare(customers);
            excess = Math.Max(0, excess);
            double revenue = _options.ImpactRevenue == "gross" ? revenueAtRisk : excess;
            int previousContacts = previous[rootCause.Id].Count();
            fixes.Add(new UpstreamFix
            {
                RootCause = rootCause.Id,
                Name = rootCause.Name,
                Owner = rootCause.Owner,
                Contacts = rootCauseContacts.Count,
                Issues = rate?.Issues ?? 0,
                CustomersAffected = customers.Count,
                FcrRate = rate?.FcrRate,
                JudgedIssues = rate?.JudgedIssues ?? 0,
                RepeatContacts = repeats[rootCause.Id].Count(),
                ContactCost = Math.Round(cost, 2),
                FailureDemandCost = Math.Round(repeats[rootCause.Id].Sum(e => e.Cost), 2),
                RevenueAtRisk = Math.Round(revenueAtRisk, 2),
                ChurnUplift = uplift is { } u ? Math.Round(u, 4) : null,
                ExcessRevenueAtRisk = Math.Round(excess, 2),
                ContactsPreviousPeriod = previousContacts,
                Trend = previousContacts == 0 ? null : Math.Round(rootCauseContacts.Count / (double)previousContacts, 3),
                Impact = Math.Round((_options.CostWeight * cost) + (_options.RevenueWeight * revenue), 2),
                SuggestedFix = rootCause.SuggestedFix,
                RootCauseModel = Versions(rootCauseContacts.Select(c => c.ModelVersion)),
                ChurnModel = Versions(customers.Select(id => scores.GetValueOrDefault(id)?.ModelVersion)),
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

    /// <summary>Before/after checks of the fixes listed in <see cref="RankingOptions.FixesFile"/>; none when it is not set.</summary>
    /// <param name="fixes">The fixes made.</param>
    /// <param name="from">Start of the earliest window the checks look at.</param>
    /// <param name="contacts">Labelled contacts from <paramref name="from"/> to <paramref name="asOf"/>.</param>
    /// <param name="members">The same contacts' places in their issues.</param>
    /// <param name="asOf">End of the data.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    private async Task<List<FixCheck>> CheckFixesAsync(
        IReadOnlyList<FixMade> fixes, DateTime from, IReadOnlyList<LabeledContact> contacts, IReadOnlyList<IssueContact> members, DateTime asOf, CancellationToken cancellationToken)
    {
        if (fixes.Count == 0)
        {
            return [];
        }

        var purchaseTimes = new Dictionary<string, List<DateTime>>(StringComparer.Ordinal);
        if (lake.Exists(LakeTables.Purchases))
        {
            await foreach (var purchase in lake.ReadAsync<PurchaseRecord>(LakeTables.Purchases, cancellationToken))
            {
                // A lapse is judged by the purchases after a contact in the windows.
                if (purchase.Status == PurchaseRecord.Completed && purchase.OrderedAt > from)
                {
                    (purchaseTimes.TryGetValue(purchase.CustomerId, out var times) ? times : purchaseTimes[purchase.CustomerId] = []).Add(purchase.OrderedAt);
                }
            }
        }

        var roleOf = members.ToDictionary(m => m.ContactId, m => m.Role, StringComparer.Ordinal);
        return FixChecker.Check(fixes, contacts, roleOf, purchaseTimes, asOf, _options);
    }

    /// <summary>Three quotes per fix: the customer's words in the period's contacts the classifier was
    /// surest of, redacted.</summary>
    private async Task AddQuotesAsync(List<UpstreamFix> fixes, ILookup<string, LabeledContact> inPeriod, CancellationToken cancellationToken)
    {
        if (!lake.Exists(LakeTables.Contacts))
        {
            return;
        }

        var candidates = fixes.ToDictionary(
            f => f.RootCause,
            f => inPeriod[f.RootCause].OrderByDescending(c => c.Confidence).ThenBy(c => c.ContactId, StringComparer.Ordinal).Take(QuoteCandidates).Select(c => c.ContactId).ToList(),
            StringComparer.Ordinal);
        var wanted = candidates.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var contact in lake.ReadAsync<ContactRecord>(LakeTables.Contacts, cancellationToken))
        {
            if (wanted.Contains(contact.ContactId))
            {
                texts[contact.ContactId] = Quote.Of(LabelStage.ClassifierText(contact));
            }
        }

        foreach (var fix in fixes)
        {
            var quotes = candidates.GetValueOrDefault(fix.RootCause, [])
                .Where(texts.ContainsKey)
                .Select(id => texts[id])
                .Where(q => q.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Take(3)
                .ToList();
            fix.Example1 = quotes.ElementAtOrDefault(0) ?? "";
            fix.Example2 = quotes.ElementAtOrDefault(1) ?? "";
            fix.Example3 = quotes.ElementAtOrDefault(2) ?? "";
        }
    }

    /// <summary>Writes <c>fixes-by-owner/&lt;owner&gt;.csv</c> per owning department, each keeping the overall rank.</summary>
    private static List<string> WriteByOwner(string outputFolder, IReadOnlyList<UpstreamFix> fixes)
    {
        string folder = Path.Combine(outputFolder, FixesByOwnerFolder);
        if (Directory.Exists(folder))
        {
            foreach (string stale in Directory.EnumerateFiles(folder, "*.csv"))
            {
                File.Delete(stale);
            }
        }

        var files = new List<string>();
        foreach (var owner in fixes.GroupBy(f => f.Owner, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            string path = Path.Combine(folder, FileNameOf(owner.Key) + ".csv");
            OutputWriter.WriteCsv(path, owner.ToList());
            files.Add(path);
        }

        return files;
    }

    private static string FileNameOf(string owner)
    {
        var invalid = Path.GetInvalidFileNameChars();
        string name = new([.. owner.Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '-' : char.ToLowerInvariant(c))]);
        return name.Length == 0 ? "unassigned" : name;
    }
}
