using Insight.Pipeline.Label;
using Insight.Pipeline.Resolve;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Insight.Pipeline.Rank;

/// <summary>Compares each fix's root cause before and after the fix with the other root causes over the same dates.</summary>
public static class FixChecker
{
    /// <summary>Fewest days after a fix worth comparing.</summary>
    public const int MinDaysAfter = 7;

    /// <summary>Fewest contacts on each side for another root cause's ratio to count in the comparison.</summary>
    private const int MinContactsForRatio = 10;

    /// <param name="fixes">The fixes made.</param>
    /// <param name="contacts">Labelled contacts.</param>
    /// <param name="roleOf">Each contact's role in its issue (<see cref="IssueContact"/>).</param>
    /// <param name="purchaseTimes">Each customer's completed purchase times.</param>
    /// <param name="asOf">End of the data.</param>
    /// <param name="options">Window, follow-up and significance level.</param>
    public static List<FixCheck> Check(
        IReadOnlyList<FixMade> fixes,
        IReadOnlyList<LabeledContact> contacts,
        IReadOnlyDictionary<string, string> roleOf,
        IReadOnlyDictionary<string, List<DateTime>> purchaseTimes,
        DateTime asOf,
        RankingOptions options)
    {
        var checks = new List<FixCheck>();
        foreach (var fix in fixes.OrderBy(f => f.FixedAt).ThenBy(f => f.RootCause, StringComparer.Ordinal))
        {
            int days = (int)Math.Min(options.FixCheckDays, Math.Floor((asOf - fix.FixedAt).TotalDays));
            var check = new FixCheck { RootCause = fix.RootCause, FixedAt = fix.FixedAt, Note = fix.Note, WindowDays = Math.Max(days, 0) };
            checks.Add(check);
            if (days < MinDaysAfter)
            {
                check.Verdict = $"too early to judge: {Math.Max(days, 0)} days of data after the fix (at least {MinDaysAfter} needed)";
                continue;
            }

            var before = Window(contacts, fix.FixedAt.AddDays(-days), fix.FixedAt);
            var after = Window(contacts, fix.FixedAt, fix.FixedAt.AddDays(days));
            bool Ours(LabeledContact c) => c.RootCause == fix.RootCause;

            int oursBefore = before.Count(Ours), oursAfter = after.Count(Ours);
            check.ContactsBefore = oursBefore;
            check.ContactsAfter = oursAfter;
            check.ContactRatio = oursBefore == 0 ? null : Math.Round(oursAfter / (double)oursBefore, 4);
            var beforeByCause = before.Where(c => !Ours(c)).CountBy(c => c.RootCause).ToDictionary();
            var afterByCause = after.Where(c => !Ours(c)).CountBy(c => c.RootCause).ToDictionary();
            var otherRatios = beforeByCause.Where(b => b.Value >= MinContactsForRatio && afterByCause.GetValueOrDefault(b.Key) >= MinContactsForRatio)
                .Select(b => afterByCause[b.Key] / (double)b.Value)
                .ToList();
            if (otherRatios.Count > 0)
            {
                double median = otherRatios.Median();
                check.OthersContactRatio = Math.Round(median, 4);
                check.ContactRatioP = BinomialP(oursAfter, oursBefore + oursAfter, median / (1 + median));
            }

            bool IsRepeat(LabeledContact c) => roleOf.TryGetValue(c.ContactId, out var role) && role == IssueContact.Repeat;
            var repeat = Compare(before, after, Ours, _ => true, IsRepeat);
            (check.RepeatRateBefore, check.RepeatRateAfter, check.OthersRepeatRateBefore, check.OthersRepeatRateAfter, check.RepeatRateP) = repeat;

            // Lapse: the customer bought nothing within the follow-up days after opening the issue; only
            // contacts whose follow-up has ended by the as-of date count.
            var followUp = TimeSpan.FromDays(options.FixCheckFollowUpDays);
            bool Opens(LabeledContact c) => (!roleOf.TryGetValue(c.ContactId, out var role) || role == IssueContact.First) && c.StartedAt + followUp <= asOf;
            bool Lapsed(LabeledContact c) => !(purchaseTimes.TryGetValue(c.CustomerId, out var times) && times.Any(t => t > c.StartedAt && t <= c.StartedAt + followUp));
            var lapse = Compare(before, after, Ours, Opens, Lapsed);
            (check.LapseRateBefore, check.LapseRateAfter, check.OthersLapseRateBefore, check.OthersLapseRateAfter, check.LapseRateP) = lapse;

            check.Verdict = string.Join("; ",
                SayRatio(check.ContactRatio, check.OthersContactRatio, check.ContactRatioP, options.FixCheckAlpha),
                Say("repeat rate", check.RepeatRateBefore, check.RepeatRateAfter, check.RepeatRateP, options.FixCheckAlpha),
                Say("lapse rate", check.LapseRateBefore, check.LapseRateAfter, check.LapseRateP, options.FixCheckAlpha));
        }

        return checks;
    }

    private static List<LabeledContact> Window(IReadOnlyList<LabeledContact> contacts, DateTime from, DateTime to) =>
        [.. contacts.Where(c => c.StartedAt >= from && c.StartedAt < to)];

    private static double? Share(int count, int total) => total == 0 ? null : Math.Round(count / (double)total, 4);

    /// <summary>
    /// The rate of <paramref name="outcome"/> among the <paramref name="eligible"/> contacts of the root cause and
    /// of the others, before and after; and the p-value of the root cause's change beyond the others' change.
    /// </summary>
    private static (double?, double?, double?, double?, double?) Compare(
        List<LabeledContact> before, List<LabeledContact> after, Func<LabeledContact, bool> ours, Func<LabeledContact, bool> eligible, Func<LabeledContact, bool> outcome)
    {
        var groups = new[] { before.Where(c => ours(c)), after.Where(c => ours(c)), before.Where(c => !ours(c)), after.Where(c => !ours(c)) }
            .Select(g => g.Where(eligible).ToList())
            .Select(g => (Hits: g.Count(outcome), Count: g.Count))
            .ToArray();
        double? Rate(int i) => Share(groups[i].Hits, groups[i].Count);
        return (Rate(0), Rate(1), Rate(2), Rate(3), DifferenceInDifferencesP(groups));
    }

    /// <summary>Two-sided p-value of <paramref name="hits"/> out of <paramref name="count"/> under a binomial with chance <paramref name="chance"/> (normal approximation); null when there is nothing to test.</summary>
    public static double? BinomialP(int hits, int count, double chance)
    {
        double se = Math.Sqrt(count * chance * (1 - chance));
        return count == 0 || se == 0 ? null : TwoSided((hits - (count * chance)) / se);
    }

    /// <summary>Two-sided p-value that (p1 - p0) - (p3 - p2) differs from 0 (unpooled z-test); null when a group is empty or there is no variation.</summary>
    public static double? DifferenceInDifferencesP((int Hits, int Count)[] groups)
    {
        if (groups.Any(g => g.Count == 0))
        {
            return null;
        }

        var p = groups.Select(g => g.Hits / (double)g.Count).ToArray();
        double se = Math.Sqrt(groups.Select((g, i) => p[i] * (1 - p[i]) / g.Count).Sum());
        return se == 0 ? null : TwoSided(((p[1] - p[0]) - (p[3] - p[2])) / se);
    }

    private static double TwoSided(double z) => Math.Round(2 * (1 - Normal.CDF(0, 1, Math.Abs(z))), 6);

    private static string PText(double p) => p < 0.001 ? "p < 0.001" : $"p {p:0.###}";

    private static string SayRatio(double? ratio, double? others, double? p, double alpha) => (ratio, others, p) switch
    {
        ({ } r, { } o, { } pv) when pv < alpha => $"contacts {(r < o ? "down" : "up")} beyond noise (x{r:0.00} against x{o:0.00} for the other root causes, {PText(pv)})",
        ({ } r, { } o, { } pv) => $"contacts: no change beyond noise (x{r:0.00} against x{o:0.00} for the other root causes, {PText(pv)})",
        _ => "contacts: too few to compare",
    };

    private static string Say(string what, double? before, double? after, double? p, double alpha) => (before, after, p) switch
    {
        ({ } b, { } a, { } pv) when pv < alpha => $"{what} {(a < b ? "down" : "up")} beyond noise ({b:P1} to {a:P1}, {PText(pv)})",
        ({ } b, { } a, { } pv) => $"{what}: no change beyond noise ({b:P1} to {a:P1}, {PText(pv)})",
        _ => $"{what}: too few contacts to compare",
    };
}
