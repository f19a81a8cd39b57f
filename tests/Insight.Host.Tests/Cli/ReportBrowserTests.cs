using System.Diagnostics;
using System.Text.RegularExpressions;
using Insight.Pipeline.Rank;
using Parquet.Serialization;

namespace Insight.Host.Tests.Cli;

/// <summary>Opens the run's <c>out/report.html</c> in headless Chromium (installed by <c>.ci/run</c>).</summary>
public sealed partial class ReportBrowserTests(RunCommandFixture run) : IClassFixture<RunCommandFixture>
{
    [SkippableFact]
    public async Task Report_InHeadlessChromium_ShowsEveryChartAndTheTables()
    {
        string html = run.Workspace.Output("report.html");
        string dom = DumpDom(html);

        ImageRegex().Matches(dom).Should().HaveCount(3, "the Pareto, FCR-by-channel and weekly-trend charts");
        ImageRegex().Matches(dom).Should().OnlyContain(m => m.Value.Contains("data-loaded=\"1\"") && !m.Value.Contains("data-failed"), "every chart loads");
        dom.Should().ContainAll("Ranked upstream fixes", "By owning department", "First-contact resolution", "Did the fixes work?", "Emerging topics");
        var top = (await ParquetSerializer.DeserializeAsync<UpstreamFix>(run.Workspace.Output("upstream-fixes.parquet"))).Data[0];
        dom.Should().MatchRegex($"<tr><td>1</td><td>{Regex.Escape(top.RootCause)}</td><td>{Regex.Escape(top.Owner)}</td>");
        dom.Should().NotMatchRegex("(src|href)=\"(https?:)?//", "the report opens with no network");
    }

    [SkippableFact]
    public void Report_WithABrokenChart_IsCaughtByTheSameCheck()
    {
        // The check above would see a chart that failed to load: point one at a missing file.
        string broken = run.Workspace.Output("broken-report.html");
        File.WriteAllText(broken, Regex.Replace(File.ReadAllText(run.Workspace.Output("report.html")), "src=\"data:image/png;base64,[^\"]*\"", "src=\"missing.png\"", RegexOptions.None, TimeSpan.FromSeconds(10)));

        string dom = DumpDom(broken);

        ImageRegex().Matches(dom).Should().OnlyContain(m => m.Value.Contains("data-failed=\"1\""));
        File.Delete(broken);
    }

    [Fact]
    public void Report_Markdown_LinksChartsThatExist()
    {
        string markdown = File.ReadAllText(run.Workspace.Output("report.md"));
        var links = Regex.Matches(markdown, @"!\[[^\]]*\]\(([^)]+)\)", RegexOptions.None, TimeSpan.FromSeconds(10)).Select(m => m.Groups[1].Value).ToList();

        links.Should().HaveCount(3);
        links.Should().OnlyContain(link => new FileInfo(Path.Combine(run.Workspace.OutputFolder, link)).Length > 1_000);
        markdown.Should().Contain("| rank | root cause | owner |");
    }

    private static string DumpDom(string path)
    {
        string? chromium = new[] { "chromium", "chromium-browser", "google-chrome" }
            .Select(name => Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists))
            .FirstOrDefault(found => found is not null);
        if (chromium is null)
        {
            // CI installs Chromium; a developer machine without it skips.
            Environment.GetEnvironmentVariable("CI").Should().NotBe("true", "CI must install chromium (.ci/run)");
            Skip.If(true, "chromium is not installed (apt-get install chromium)");
        }

        var start = new ProcessStartInfo(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", new Uri(path).AbsoluteUri])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string dom = process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000).Should().BeTrue("chromium finishes within a minute");
        _ = stderr.Result;
        dom.Should().Contain("</html>", "chromium printed the page");
        return dom;
    }

    [GeneratedRegex("<img [^>]*>")]
    private static partial Regex ImageRegex();
}
