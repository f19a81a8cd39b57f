using System.Text.Json;
using Insight.Host.Cli;

namespace Insight.Host.Tests.Cli;

public sealed class BenchmarkCommandTests
{
    [Fact]
    public async Task BenchmarkIngest_SmallExport_MeasuresEveryRowInAChildProcess()
    {
        using var workspace = new TestWorkspace();
        var console = new TestConsole();
        string folder = Path.Combine(workspace.Root, "benchmark");

        int exit = await new BenchmarkCommand(console.Console).ExecuteAsync(null, contacts: 3_000, files: 2, runs: 1, seed: 7, folder, CancellationToken.None);

        exit.Should().Be(0, console.Output);
        console.Output.Should().Contain("rows/s").And.Contain("peak memory").And.Contain("2 cores".Replace("2", Environment.ProcessorCount.ToString()));
        Directory.GetFiles(Path.Combine(folder, "export"), "*.csv").Should().HaveCount(2);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "benchmark-ingest.json")));
        var run = report.RootElement.GetProperty("runs")[0];
        run.GetProperty("Rows").GetInt64().Should().Be(3_000);
        run.GetProperty("Stored").GetInt64().Should().Be(3_000);
        run.GetProperty("PeakWorkingSetBytes").GetInt64().Should().BeGreaterThan(10_000_000, "the child process reports its own peak");
    }
}
