using Insight.Models.Churn;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Taxonomy;
using static Insight.Pipeline.Churn.ChurnFeatureNames;

namespace Insight.Pipeline.Churn;

/// <summary>
/// Computes a customer's features at an as-of date from their purchases and labelled contacts. Only
/// rows strictly before the as-of date are read, so features never look ahead.
/// </summary>
public sealed class CustomerFeatureBuilder
{
    private readonly ResolutionOptions _resolution;
    private readonly Dictionary<string, int> _index;

    // The vector slot of each owner, root cause, pain point and channel that has a count of its own.
    private readonly Dictionary<string, int> _ownerSlots;
    private readonly Dictionary<string, int> _rootCauseSlots;
    private readonly Dictionary<string, int> _painPointSlots;
    private readonly Dictionary<string, int> _channelSlots;

    public CustomerFeatureBuilder(ChurnFeatureLayout layout, ResolutionOptions resolution)
    {
        Layout = layout;
        _resolution = resolution;
        Names = layout.Names();
        _index = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        Dictionary<string, int> Slots(IEnumerable<string> ids, string prefix) => ids.ToDictionary(id => id, id => _index[prefix + id], StringComparer.Ordinal);
        _ownerSlots = Slots(layout.Owners, OwnerContactsPrefix);
        _rootCauseSlots = Slots(layout.RootCauses, RootCauseIssuesPrefix);
        _painPointSlots = Slots(layout.PainPoints, PainPointContactsPrefix);
        _channelSlots = Slots(layout.Channels, ChannelContactsPrefix);
    }

    public ChurnFeatureLayout Layout { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The features at <paramref name="asOf"/>, or null when the customer had not bought anything before it.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="purchases">The customer's purchases, in any order and of any date (later ones are ignored).</param>
    /// <param name="contacts">The customer's labelled contacts, in any order and of any date (later ones are ignored).</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="buying">The BG/NBD model of buying (see <see cref="FitBuying"/>), for the probability alive.</param>
    public CustomerSnapshot? Build(string customerId, IReadOnlyList<PurchaseRecord> purchases, IReadOnlyList<LabeledContact> contacts, DateTime asOf, BgNbd buying)
    {
        var past = purchases.Where(p => p.OrderedAt < asOf && p.Status != PurchaseRecord.Cancelled).OrderBy(p => p.OrderedAt).ToList();
        if (past.Count == 0)
        {
            return null;
        }

        var values = new float[Names.Count];
        void Set(string name, double value) => values[_index[name]] = (float)value;
        double DaysBefore(DateTime t) => (asOf - t).TotalDays;

        var lastOrder = past[^1].OrderedAt;
        double daysSinceLastOrder = DaysBefore(lastOrder);
        var lastYear = past.Where(p => DaysBefore(p.OrderedAt) <= 365).ToList();
        double tenure = DaysBefore(past[0].OrderedAt);
        double averageGap = lastYear.Count >= 2
            ? (lastYear[^1].OrderedAt - lastYear[0].OrderedAt).TotalDays / (lastYear.Count - 1)
            : Math.Max(tenure, 30);
        int orders90 = past.Count(p => DaysBefore(p.OrderedAt) <= 90);
        Set(DaysSinceLastOrder, daysSinceLastOrder);
        Set(Orders30, past.Count(p => DaysBefore(p.OrderedAt) <= 30));
        Set(Orders90, orders90);
        Set(Orders365, lastYear.Count);
        Set(Spend30, past.Where(p => DaysBefore(p.OrderedAt) <= 30).Sum(p => p.Amount));
        Set(Spend90, past.Where(p => DaysBefore(p.OrderedAt) <= 90).Sum(p => p.Amount));
        Set(Spend365, lastYear.Sum(p => p.Amount));
        Set(AverageGapDays, averageGap);
        Set(GapRatio, daysSinceLastOrder / Math.Max(averageGap, 1));
        Set(OrderTrend, ((orders90 * 4.0) - lastYear.Count) / Math.Max(lastYear.Count, 1));
        Set(TenureDays, tenure);
        Set(Returns365, lastYear.Count(p => p.Status == PurchaseRecord.Returned));
        Set(ProbabilityAlive, buying.ProbabilityAlive(HistoryOf(past, asOf)));

        var pastContacts = contacts.Where(c => c.StartedAt < asOf).OrderBy(c => c.StartedAt).ToList();
        var recentContacts = pastContacts.Where(c => DaysBefore(c.StartedAt) <= 90).ToList();
        var recentIssues = IssueBuilder.Build(pastContacts, _resolution, asOf).Where(i => DaysBefore(i.OpenedAt) <= 90).ToList();
        Set(Contacts30, pastContacts.Count(c => DaysBefore(c.StartedAt) <= 30));
        Set(Contacts90, recentContacts.Count);
        Set(Issues90, recentIssues.Count);
        Set(UnresolvedIssues90, recentIssues.Count(i => i.Touches > 1));
        Set(RepeatContacts90, recentIssues.Sum(i => i.Touches - 1));
        Set(Transfers90, recentIssues.Sum(i => i.Transfers));
        Set(MaxAgentsPerIssue90, recentIssues.Count == 0 ? 0 : recentIssues.Max(i => i.DistinctAgents));
        Set(MaxFrustration90, recentContacts.Count == 0 ? 0 : recentContacts.Max(c => c.Frustration));
        Set(FrustratedContacts90, recentContacts.Count(c => c.Frustration >= FrustratedFrom));
        Set(DaysSinceLastContact, pastContacts.Count == 0 ? 365 : Math.Min(365, DaysBefore(pastContacts[^1].StartedAt)));
        Set(BoughtSinceLastContact, pastContacts.Count == 0 || lastOrder > pastContacts[^1].StartedAt ? 1 : 0);
        // The per-item counts, in one pass over the recent contacts and issues.
        foreach (var contact in recentContacts)
        {
            Count(_ownerSlots, contact.Owner);
            Count(_channelSlots, contact.Channel);
            if (contact.PainPoints.Length > 0)
            {
                foreach (string painPoint in contact.PainPoints.Split(RootCauseTaxonomy.PainPointSeparator).Distinct(StringComparer.Ordinal))
                {
                    Count(_painPointSlots, painPoint);
                }
            }
        }

        foreach (var issue in recentIssues)
        {
            Count(_rootCauseSlots, issue.RootCause);
        }

        void Count(Dictionary<string, int> slots, string id)
        {
            if (slots.TryGetValue(id, out int slot))
            {
                values[slot]++;
            }
        }

        string? mainRootCause = recentIssues
            .Where(i => i.RootCause != RootCauseTaxonomy.Unclassified)
            .GroupBy(i => i.RootCause, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(i => i.Touches))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
        double spendDays = Math.Clamp(tenure, 30, 365);
        return new CustomerSnapshot(customerId, values, lastYear.Sum(p => p.Amount) / spendDays, mainRootCause);
    }

    /// <summary>
    /// The layout for a lake: every owner and pain point of the taxonomy, the <paramref name="rootCauses"/>
    /// classified root causes and the <paramref name="channels"/> channels most contacted about before
    /// <paramref name="asOf"/> (the training date, so that nothing later decides the features).
    /// </summary>
    public static ChurnFeatureLayout LayoutFor(RootCauseTaxonomy taxonomy, IEnumerable<LabeledContact> contacts, DateTime asOf, int rootCauses, int channels)
    {
        var past = contacts.Where(c => c.StartedAt < asOf).ToList();
        IReadOnlyList<string> Top(IEnumerable<string> values, int count) =>
        [
            .. values.GroupBy(v => v, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(count).Select(g => g.Key),
        ];
        return new ChurnFeatureLayout
        {
            Owners = [.. taxonomy.Owners.Select(o => o.Id)],
            RootCauses = Top(past.Where(c => c.RootCause != RootCauseTaxonomy.Unclassified && taxonomy.Contains(c.RootCause)).Select(c => c.RootCause), rootCauses),
            PainPoints = [.. taxonomy.PainPoints.Select(p => p.Id)],
            Channels = Top(past.Where(c => c.Channel.Length > 0).Select(c => c.Channel), channels),
        };
    }

    /// <summary>
    /// The customer's buying in BG/NBD terms at <paramref name="asOf"/>, in days: repeat purchase days after
    /// the first purchase day, the last one's distance from the first, and the time since the first. Null
    /// before the first purchase.
    /// </summary>
    public static PurchaseHistory? HistoryAt(IReadOnlyList<PurchaseRecord> purchases, DateTime asOf)
    {
        var past = purchases.Where(p => p.OrderedAt < asOf && p.Status != PurchaseRecord.Cancelled).ToList();
        return past.Count == 0 ? null : HistoryOf(past, asOf);
    }

    /// <summary><see cref="HistoryAt"/> of purchases already limited to those before the as-of date (at least one).</summary>
    private static PurchaseHistory HistoryOf(IEnumerable<PurchaseRecord> past, DateTime asOf)
    {
        var days = past.Select(p => p.OrderedAt.Date).Distinct().Order().ToList();
        return new PurchaseHistory(days.Count - 1, (days[^1] - days[0]).TotalDays, (asOf - days[0]).TotalDays);
    }

    /// <summary>
    /// Fits BG/NBD on the customers' buying at <paramref name="asOf"/>: on all of them up to
    /// <paramref name="sample"/>, else on that many chosen by a stable hash of their id (the fit needs the
    /// spread of behaviour, not every customer).
    /// </summary>
    public static BgNbd FitBuying(IReadOnlyDictionary<string, IReadOnlyList<PurchaseRecord>> purchases, DateTime asOf, int sample)
    {
        var ids = purchases.Keys.Order(StringComparer.Ordinal).ToList();
        if (ids.Count > sample)
        {
            ids = [.. ids.OrderBy(id => StableHash.Fraction(id, "bg-nbd")).Take(sample).Order(StringComparer.Ordinal)];
        }

        var histories = ids.Select(id => HistoryAt(purchases[id], asOf)).OfType<PurchaseHistory>().ToList();
        return histories.Count == 0 ? new BgNbd(1, 1, 1, 1) : BgNbd.Fit(histories);
    }

    /// <summary>The churn label: true when the customer makes no purchase in [asOf, asOf + horizon).</summary>
    public static bool ChurnedWithin(IReadOnlyList<PurchaseRecord> purchases, DateTime asOf, int horizonDays) =>
        !purchases.Any(p => p.OrderedAt >= asOf && p.OrderedAt < asOf.AddDays(horizonDays) && p.Status != PurchaseRecord.Cancelled);

    /// <summary>The position of a feature in the vector.</summary>
    public int IndexOf(string feature) => _index[feature];

    public float ValueOf(CustomerSnapshot snapshot, string feature) => snapshot.Values[_index[feature]];
}
