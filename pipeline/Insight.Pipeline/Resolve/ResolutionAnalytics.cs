namespace Insight.Pipeline.Resolve;

/// <summary>First-contact resolution by slice, and the failure-demand ledger.</summary>
public static class ResolutionAnalytics
{
    /// <summary>
    /// Rates for all issues, then per root cause, channel and queue of the first contact, and owner; each
    /// group ordered by its value. Issues without a queue are left out of the queue rows.
    /// </summary>
    public static List<ResolutionRate> Rates(IReadOnlyCollection<IssueRecord> issues)
    {
        var rates = new List<ResolutionRate> { Rate(ResolutionRate.All, ResolutionRate.All, issues) };
        (string Dimension, Func<IssueRecord, string> Key)[] slices =
        [
            (ResolutionRate.ByRootCause, i => i.RootCause),
            (ResolutionRate.ByChannel, i => i.FirstChannel),
            (ResolutionRate.ByQueue, i => i.FirstQueue),
            (ResolutionRate.ByOwner, i => i.Owner),
        ];
        foreach (var (dimension, key) in slices)
        {
            rates.AddRange(issues
                .Where(i => key(i).Length > 0)
                .GroupBy(key, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Rate(dimension, g.Key, [.. g])));
        }

        return rates;
    }

    /// <summary>
    /// The repeat contacts made in [<paramref name="from"/>, <paramref name="to"/>), each charged to its
    /// issue's root cause and owner at <paramref name="costOf"/> its channel; ordered by owner, root cause,
    /// time and contact id.
    /// </summary>
    public static List<FailureDemandEntry> Ledger(IEnumerable<IssueContact> members, Func<string, double> costOf, DateTime from, DateTime to) =>
        members
            .Where(m => m.Role == IssueContact.Repeat && m.StartedAt >= from && m.StartedAt < to)
            .Select(m => new FailureDemandEntry
            {
                ContactId = m.ContactId,
                StartedAt = m.StartedAt,
                CustomerId = m.CustomerId,
                IssueId = m.IssueId,
                Channel = m.Channel,
                RootCause = m.RootCause,
                Owner = m.Owner,
                Cost = costOf(m.Channel),
            })
            .OrderBy(e => e.Owner, StringComparer.Ordinal)
            .ThenBy(e => e.RootCause, StringComparer.Ordinal)
            .ThenBy(e => e.StartedAt)
            .ThenBy(e => e.ContactId, StringComparer.Ordinal)
            .ToList();

    private static ResolutionRate Rate(string dimension, string value, IReadOnlyCollection<IssueRecord> issues)
    {
        var judged = issues.Where(i => i.Judged).ToList();
        int touches = judged.Sum(i => i.Touches);
        int repeats = judged.Sum(i => i.RepeatContacts);
        int resolved = judged.Count(i => i.ResolvedFirstTime);
        return new ResolutionRate
        {
            Dimension = dimension,
            Value = value,
            Issues = issues.Count,
            JudgedIssues = judged.Count,
            ResolvedFirstTimeIssues = resolved,
            FcrRate = judged.Count == 0 ? null : Math.Round(resolved / (double)judged.Count, 4),
            Touches = touches,
            RepeatContacts = repeats,
            RepeatRate = touches == 0 ? null : Math.Round(repeats / (double)touches, 4),
            Transfers = judged.Sum(i => i.Transfers),
            MeanTouches = judged.Count == 0 ? null : Math.Round(touches / (double)judged.Count, 3),
            MeanAgents = judged.Count == 0 ? null : Math.Round(judged.Average(i => i.DistinctAgents), 3),
        };
    }
}
