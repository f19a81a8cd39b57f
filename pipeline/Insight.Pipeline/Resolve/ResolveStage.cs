using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Resolve;

/// <inheritdoc />
public sealed class ResolveStage(ParquetLake lake, IOptions<ResolutionOptions> options) : IResolveStage
{
    public async Task<ResolveReport> RunAsync(DateTime asOf, CancellationToken cancellationToken)
    {
        var contacts = await lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts, cancellationToken);
        var members = new List<IssueContact>();
        var issues = IssueBuilder.Build(contacts, options.Value, asOf, members);
        await lake.WriteAsync(LakeTables.Issues, issues, cancellationToken: cancellationToken);
        await lake.WriteAsync(LakeTables.IssueContacts, members, cancellationToken: cancellationToken);

        var judged = issues.Where(i => i.Judged).ToList();
        return new ResolveReport(
            issues.Count,
            judged.Count,
            Rate(judged),
            judged.GroupBy(i => i.FirstChannel, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Rate([.. g])));
    }

    private static double Rate(IReadOnlyCollection<IssueRecord> issues) =>
        issues.Count == 0 ? 0 : issues.Count(i => i.ResolvedFirstTime) / (double)issues.Count;
}
