using System.Globalization;
using System.Net;
using System.Text;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Topics;
using Parquet.Serialization;

namespace Insight.Pipeline.Report;

/// <summary>
/// Writes the report CX leaders open: <c>out/report.html</c>, self-contained (charts embedded as PNG data,
/// no script or style from elsewhere), and <c>out/report.md</c> with its charts in <c>out/report-charts/</c>.
/// </summary>
public sealed class ReportWriter(ParquetLake lake)
{
    public const string HtmlFile = "report.html";
    public const string MarkdownFile = "report.md";
    public const string ChartsFolder = "report-charts";

    /// <summary>Root causes in the weekly trend chart.</summary>
    private const int TrendSeries = 5;

    /// <summary>Writes both files from the rank stage's report, its ranked fixes and its other outputs; returns their paths.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(string runId, DateTime asOf, RankReport ranked, IReadOnlyList<UpstreamFix> fixes, string outputFolder, CancellationToken cancellationToken)
    {
        var rates = (await ParquetSerializer.DeserializeAsync<ResolutionRate>(Path.Combine(outputFolder, RankStage.ResolutionRatesFile + ".parquet"), cancellationToken: cancellationToken)).Data.ToList();
        var topics = lake.Exists(LakeTables.EmergingTopics) ? await lake.ReadAllAsync<EmergingTopic>(LakeTables.EmergingTopics, cancellationToken) : [];
        var (weeks, trend) = await WeeklyTrendAsync(fixes.Take(TrendSeries).Select(f => f.RootCause).ToList(), ranked.PeriodStart, asOf, cancellationToken);
        var channels = rates.Where(r => r.Dimension == ResolutionRate.ByChannel).ToList();

        var charts = new List<(string Name, string Title, byte[] Png)>();
        if (fixes.Count > 0)
        {
            charts.Add(("pareto", "Impact by root cause", ReportCharts.Pareto(fixes)));
        }

        if (channels.Count > 0)
        {
            charts.Add(("fcr-by-channel", "First-contact resolution by channel", ReportCharts.FcrByChannel(channels)));
        }

        if (trend.Count > 0)
        {
            charts.Add(("weekly-trend", "Weekly contacts, top five root causes", ReportCharts.WeeklyTrend(weeks, trend)));
        }

        var sections = Sections(fixes, rates, ranked, topics);
        string chartsFolder = Path.Combine(outputFolder, ChartsFolder);
        Directory.CreateDirectory(chartsFolder);
        foreach (var chart in charts)
        {
            await File.WriteAllBytesAsync(Path.Combine(chartsFolder, chart.Name + ".png"), chart.Png, cancellationToken);
        }

        string title = $"Insight: upstream fixes, {ranked.PeriodStart:yyyy-MM-dd} to {asOf.AddDays(-1):yyyy-MM-dd}";
        string html = Path.Combine(outputFolder, HtmlFile);
        string markdown = Path.Combine(outputFolder, MarkdownFile);
        await OutputWriter.WriteTextAsync(html, Html(title, runId, charts, sections), cancellationToken);
        await OutputWriter.WriteTextAsync(markdown, Markdown(title, runId, charts, sections), cancellationToken);
        return [html, markdown];
    }

    private async Task<(List<DateTime> Weeks, List<(string RootCause, int[] Contacts)> Series)> WeeklyTrendAsync(
        IReadOnlyList<string> rootCauses, DateTime periodStart, DateTime asOf, CancellationToken cancellationToken)
    {
        // Weeks start on Monday; the first is the one holding the period's first day.
        var first = periodStart.Date.AddDays(-(((int)periodStart.DayOfWeek + 6) % 7));
        var weeks = new List<DateTime>();
        for (var week = first; week < asOf; week = week.AddDays(7))
        {
            weeks.Add(week);
        }

        if (rootCauses.Count == 0 || weeks.Count == 0 || !lake.Exists(LakeTables.LabeledContacts))
        {
            return (weeks, []);
        }

        var counts = rootCauses.ToDictionary(r => r, _ => new int[weeks.Count], StringComparer.Ordinal);
        await foreach (var contact in lake.ReadAsync<LabeledContact>(LakeTables.LabeledContacts, cancellationToken))
        {
            if (contact.StartedAt >= first && contact.StartedAt < asOf && counts.TryGetValue(contact.RootCause, out var series))
            {
                series[(int)((contact.StartedAt - first).TotalDays / 7)]++;
            }
        }

        return (weeks, [.. rootCauses.Select(r => (r, counts[r]))]);
    }

    /// <summary>The report's tables, each with a heading and a line saying what it shows.</summary>
    private static List<Section> Sections(IReadOnlyList<UpstreamFix> fixes, List<ResolutionRate> rates, RankReport ranked, IReadOnlyList<EmergingTopic> topics)
    {
        var all = ranked.Resolution;
        var sections = new List<Section>
        {
            new(
                "Ranked upstream fixes",
                $"Root causes by impact: contact cost plus the revenue put at risk by the churn uplift over comparable customers. Overall first-contact resolution {Percent(all.FcrRate)} of {all.JudgedIssues:N0} judged issues (issues opened in the last repeat window are too recent to judge and left out).",
                ["rank", "root cause", "owner", "contacts", "FCR (judged)", "repeats", "contact cost", "failure demand", "churn uplift", "revenue at risk", "impact", "trend", "suggested fix", "what customers say"],
                [.. fixes.Select(f => new[]
                {
                    Number(f.Rank), f.RootCause, f.Owner, Number(f.Contacts), $"{Percent(f.FcrRate)} ({f.JudgedIssues:N0})", Number(f.RepeatContacts),
                    Money(f.ContactCost), Money(f.FailureDemandCost), f.ChurnUplift is { } u ? $"{u * 100:+0.0;-0.0} pts" : "-", Money(f.ExcessRevenueAtRisk),
                    Money(f.Impact), f.Trend is { } t ? $"x{t:0.00}" : "new", f.SuggestedFix,
                    string.Join(" / ", new[] { f.Example1, f.Example2, f.Example3 }.Where(e => e.Length > 0).Select(e => $"\"{e}\"")),
                })]),
            new(
                "By owning department",
                "What each department's root causes cost: the repeat contacts charged to it (the failure-demand ledger, out/failure-demand.csv) and the impact of its fixes; each department's list is in out/fixes-by-owner/.",
                ["owner", "root causes", "contacts", "repeat contacts", "failure demand", "impact", "top fix"],
                [.. fixes.GroupBy(f => f.Owner, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Sum(f => f.Impact))
                    .ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g =>
                    {
                        var demand = ranked.FailureDemand.FirstOrDefault(d => d.Owner == g.Key);
                        return new[]
                        {
                            g.Key, Number(g.Count()), Number(g.Sum(f => f.Contacts)), Number(demand?.RepeatContacts ?? 0), Money(demand?.Cost ?? 0),
                            Money(g.Sum(f => f.Impact)), g.OrderBy(f => f.Rank).First().RootCause,
                        };
                    })]),
            new(
                "First-contact resolution",
                "Per channel and queue of the first contact and per owning department; rates over judged issues, counts beside them.",
                ["by", "value", "issues", "judged", "resolved first time", "FCR", "repeat rate", "touches per issue", "agents per issue"],
                [.. rates.Where(r => r.Dimension is ResolutionRate.ByChannel or ResolutionRate.ByQueue or ResolutionRate.ByOwner).Select(r => new[]
                {
                    r.Dimension, r.Value, Number(r.Issues), Number(r.JudgedIssues), Number(r.ResolvedFirstTimeIssues), Percent(r.FcrRate), Percent(r.RepeatRate),
                    r.MeanTouches is { } mt ? mt.ToString("0.00", CultureInfo.InvariantCulture) : "-", r.MeanAgents is { } ma ? ma.ToString("0.00", CultureInfo.InvariantCulture) : "-",
                })]),
            new(
                "Did the fixes work?",
                ranked.FixChecks.Count == 0
                    ? "No fixes listed (Ranking:FixesFile)."
                    : "Each fix's root cause before and after the fix, against the other root causes over the same dates.",
                ["root cause", "fixed at", "note", "days each side", "contacts before", "contacts after", "verdict"],
                [.. ranked.FixChecks.Select(c => new[] { c.RootCause, c.FixedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Note, Number(c.WindowDays), Number(c.ContactsBefore), Number(c.ContactsAfter), c.Verdict })]),
            new(
                "Emerging topics",
                topics.Count == 0
                    ? "No cluster of unclassified contacts is large enough to be a candidate root cause."
                    : "Clusters of contacts the classifier left unclassified: candidate root causes for the taxonomy.",
                ["topic", "top terms", "contacts", "this period", "previous period", "example"],
                [.. topics.Select(t => new[] { t.TopicId, t.TopTerms, Number(t.Size), Number(t.CurrentPeriod), Number(t.PreviousPeriod), $"\"{t.Example1}\"" })]),
        };
        return sections;
    }

    private static string Html(string title, string runId, List<(string Name, string Title, byte[] Png)> charts, List<Section> sections)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1400px}h1{font-size:1.5rem}h2{margin-top:2rem;font-size:1.2rem}")
            .Append("table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}")
            .Append("th{background:#f2f2f2}img{max-width:100%;border:1px solid #eee;margin:.5rem 0}.note{color:#555}\n</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"note\">Run ").Append(E(runId)).Append(".</p>\n");
        foreach (var chart in charts)
        {
            // The load and error marks let a headless browser check that every chart was drawn.
            html.Append("<figure id=\"chart-").Append(chart.Name).Append("\"><img alt=\"").Append(E(chart.Title))
                .Append("\" onload=\"this.dataset.loaded=1\" onerror=\"this.dataset.failed=1\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(chart.Png)).Append("\"></figure>\n");
        }

        foreach (var section in sections)
        {
            html.Append("<h2>").Append(E(section.Title)).Append("</h2>\n<p class=\"note\">").Append(E(section.Note)).Append("</p>\n");
            if (section.Rows.Count == 0)
            {
                continue;
            }

            html.Append("<table>\n<thead><tr>");
            foreach (string column in section.Columns)
            {
                html.Append("<th>").Append(E(column)).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in section.Rows)
            {
                html.Append("<tr>");
                foreach (string cell in row)
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static string Markdown(string title, string runId, List<(string Name, string Title, byte[] Png)> charts, List<Section> sections)
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
        var md = new StringBuilder();
        md.Append("# ").Append(title).Append("\n\nRun ").Append(runId).Append(".\n\n");
        foreach (var chart in charts)
        {
            md.Append("![").Append(chart.Title).Append("](").Append(ChartsFolder).Append('/').Append(chart.Name).Append(".png)\n\n");
        }

        foreach (var section in sections)
        {
            md.Append("## ").Append(section.Title).Append("\n\n").Append(section.Note).Append("\n\n");
            if (section.Rows.Count == 0)
            {
                continue;
            }

            md.Append("| ").Append(string.Join(" | ", section.Columns.Select(Cell))).Append(" |\n|")
                .Append(string.Concat(section.Columns.Select(_ => "---|"))).Append('\n');
            foreach (var row in section.Rows)
            {
                md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "-";

    private sealed record Section(string Title, string Note, string[] Columns, List<string[]> Rows);
}
