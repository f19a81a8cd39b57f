using Insight.Pipeline.Rank;
using Insight.Pipeline.Resolve;
using ScottPlot;

namespace Insight.Pipeline.Report;

/// <summary>The report's charts, drawn by ScottPlot as PNG images.</summary>
public static class ReportCharts
{
    private const int Width = 900;
    private const int Height = 420;

    /// <summary>Impact per root cause, highest first, with the cumulative share of all impact on the right axis.</summary>
    public static byte[] Pareto(IReadOnlyList<UpstreamFix> fixes)
    {
        var plot = new Plot();
        double total = fixes.Sum(f => f.Impact);
        var bars = plot.Add.Bars(fixes.Select(f => f.Impact).ToArray());
        bars.Color = Colors.SteelBlue;
        double running = 0;
        var cumulative = fixes.Select(f => (running += f.Impact) / Math.Max(total, 1e-9) * 100).ToArray();
        var line = plot.Add.Scatter(Enumerable.Range(0, fixes.Count).Select(i => (double)i).ToArray(), cumulative);
        line.Color = Colors.DarkOrange;
        line.LineWidth = 2;
        line.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "cumulative share of impact (%)";
        plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
        plot.Axes.Left.Label.Text = "impact";
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, fixes.Count).Select(i => (double)i)], [.. fixes.Select(f => f.RootCause)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 140;
        plot.Axes.Margins(bottom: 0);
        plot.Title("Impact by root cause (Pareto)");
        return plot.GetImageBytes(Width, Height + 80, ImageFormat.Png);
    }

    /// <summary>First-contact resolution by the channel of the first contact, with the judged issues under each bar.</summary>
    public static byte[] FcrByChannel(IReadOnlyList<ResolutionRate> channels)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(channels.Select(c => (c.FcrRate ?? 0) * 100).ToArray());
        bars.Color = Colors.SeaGreen;
        foreach (var (bar, rate) in bars.Bars.Zip(channels))
        {
            bar.Label = rate.FcrRate is { } fcr ? $"{fcr:P0}" : "-";
        }

        bars.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks(
            [.. Enumerable.Range(0, channels.Count).Select(i => (double)i)],
            [.. channels.Select(c => $"{c.Value} ({c.JudgedIssues:N0} issues)")]);
        plot.Axes.SetLimitsY(0, 105);
        plot.Axes.Left.Label.Text = "resolved first time (%)";
        plot.Title("First-contact resolution by channel");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Contacts per week for each of the given root causes.</summary>
    public static byte[] WeeklyTrend(IReadOnlyList<DateTime> weeks, IReadOnlyList<(string RootCause, int[] Contacts)> series)
    {
        var plot = new Plot();
        double[] xs = [.. weeks.Select(w => w.ToOADate())];
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < series.Count; i++)
        {
            var line = plot.Add.Scatter(xs, series[i].Contacts.Select(c => (double)c).ToArray());
            line.LegendText = series[i].RootCause;
            line.Color = palette.GetColor(i);
            line.LineWidth = 2;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.Label.Text = "contacts per week";
        plot.ShowLegend(Edge.Right);
        plot.Title("Weekly contacts, top five root causes");
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
