using System.Globalization;
using Insight.Pipeline.Label;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Demo;

/// <summary>
/// With the true root causes as labels, issues, first-contact resolution, repeat counts and the
/// failure-demand ledger equal what the generator's truth says happened.
/// </summary>
public sealed class DemoResolutionTruthTests(DemoWorldFixture world) : IClassFixture<DemoWorldFixture>
{
    [Fact]
    public void Issues_FromTrueLabels_EqualTheGeneratorsIssues()
    {
        var truth = world.TruthContacts.ToDictionary(t => t["contact_id"]);
        var labelled = TrulyLabelled();
        var asOf = labelled.Max(c => c.StartedAt).AddSeconds(1);
        var members = new List<IssueContact>();

        var issues = IssueBuilder.Build(labelled, new ResolutionOptions(), asOf, members);

        // Each built issue is exactly one true issue: the same contacts.
        var trueIssueOf = members.GroupBy(m => m.IssueId).ToDictionary(g => g.Key, g => g.Select(m => truth[m.ContactId]["issue_id"]).Distinct().ToList());
        trueIssueOf.Values.Should().OnlyContain(ids => ids.Count == 1, "no built issue mixes contacts of two true issues");
        issues.Should().HaveCount(world.TruthContacts.Select(t => t["issue_id"]).Distinct().Count());

        // Repeats and transfers: role by role, contact by contact.
        var expectedRole = world.TruthContacts.ToDictionary(
            t => t["contact_id"],
            t => t["is_transfer"] == "true" ? IssueContact.Transfer : t["is_repeat"] == "true" ? IssueContact.Repeat : IssueContact.First);
        members.Should().HaveCount(world.TruthContacts.Count);
        members.Where(m => m.Role != expectedRole[m.ContactId]).Should().BeEmpty();

        // FCR per root cause equals the truth's share of issues with no repeat.
        var trueFcr = world.TruthContacts.GroupBy(t => t["issue_id"])
            .GroupBy(g => g.First()["root_cause"])
            .ToDictionary(g => g.Key, g => g.Count(issue => issue.All(t => t["is_repeat"] == "false")) / (double)g.Count());
        var rates = ResolutionAnalytics.Rates([.. issues.Select(i => { i.Judged = true; return i; })]);
        foreach (var rate in rates.Where(r => r.Dimension == ResolutionRate.ByRootCause))
        {
            rate.FcrRate.Should().BeApproximately(Math.Round(trueFcr[rate.Value], 4), 1e-9, rate.Value);
        }

        // The ledger charges every true repeat once, to its true root cause, at its channel's cost.
        var costs = new RankingOptions().CostOf;
        var ledger = ResolutionAnalytics.Ledger(members, costs, DateTime.MinValue, asOf);
        var trueRepeats = world.TruthContacts.Where(t => expectedRole[t["contact_id"]] == IssueContact.Repeat).ToList();
        ledger.Select(e => e.ContactId).Should().BeEquivalentTo(trueRepeats.Select(t => t["contact_id"]));
        ledger.Should().OnlyContain(e => e.RootCause == truth[e.ContactId]["root_cause"]);
        var channelOf = world.Contacts.ToDictionary(c => c["contact_id"], c => c["channel"]);
        ledger.Sum(e => e.Cost).Should().BeApproximately(trueRepeats.Sum(t => costs(channelOf[t["contact_id"]])), 1e-6);
    }

    [Fact]
    public void FixCheck_AtTheEndOfTheIncident_SeesContactsFallAndAPlaceboSeesNoChange()
    {
        var labelled = TrulyLabelled();
        var members = new List<IssueContact>();
        var asOf = world.Manifest.End;
        IssueBuilder.Build(labelled, new ResolutionOptions(), asOf, members);
        var purchases = world.Purchases
            .Where(p => p["status"] == "completed")
            .GroupBy(p => p["customer_id"])
            .ToDictionary(g => g.Key, g => g.Select(p => DateTime.Parse(p["ordered_at"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).Order().ToList());
        var incident = world.Manifest.Incident;
        string placebo = incident.RootCause == "late-delivery" ? "mis-pick" : "late-delivery";
        FixMade[] fixes = [new(incident.RootCause, incident.End, "incident over"), new(placebo, incident.End, "placebo: nothing changed")];

        var checks = FixChecker.Check(fixes, labelled, members.ToDictionary(m => m.ContactId, m => m.Role), purchases, asOf, new RankingOptions());

        var fixedOne = checks.Single(c => c.RootCause == incident.RootCause);
        fixedOne.WindowDays.Should().Be(28);
        fixedOne.ContactRatio.Should().BeLessThan(0.5);
        fixedOne.ContactRatioP.Should().BeLessThan(0.001);
        fixedOne.Verdict.Should().StartWith("contacts down beyond noise");
        var nothing = checks.Single(c => c.RootCause == placebo);
        nothing.ContactRatioP.Should().BeGreaterThan(0.05, nothing.Verdict);
        nothing.Verdict.Should().StartWith("contacts: no change beyond noise");
        checks.Should().OnlyContain(c => c.LapseRateBefore != null && c.RepeatRateBefore != null);
    }

    [Fact]
    public void FixCheck_TooSoonAfterTheFix_SaysSo()
    {
        var asOf = world.Manifest.End;
        var checks = FixChecker.Check([new("mis-pick", asOf.AddDays(-3), "")], TrulyLabelled(), new Dictionary<string, string>(), new Dictionary<string, List<DateTime>>(), asOf, new RankingOptions());

        checks.Single().Verdict.Should().StartWith("too early to judge: 3 days");
    }

    private Dictionary<string, Dictionary<string, string>> Truth => field ??= world.TruthContacts.ToDictionary(t => t["contact_id"]);

    private List<LabeledContact> TrulyLabelled() => world.Contacts.Select(c => new LabeledContact
    {
        ContactId = c["contact_id"],
        CustomerId = c["customer_id"],
        StartedAt = DateTime.Parse(c["started_at"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        Channel = c["channel"],
        AgentId = c["agent_id"],
        Queue = c["queue"],
        RootCause = Truth[c["contact_id"]]["root_cause"],
        Owner = Some.Taxonomy.OwnerOf(Truth[c["contact_id"]]["root_cause"]),
    }).ToList();
}
