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

        int exit = await new BenchmarkCommand(console.Console).ExecuteAsync(contacts: 2_000, files: 2, runs: 1, seed: 7, folder, CancellationToken.None);

        exit.Should().Be(0, console.Output);
        console.Output.Should().Contain("rows/s").And.Contain("peak memory").And.Contain($"{Environment.ProcessorCount} cores");
        Directory.GetFiles(Path.Combine(folder, "export"), "*.csv").Should().HaveCount(2);
        Directory.Exists(Path.Combine(folder, "lake")).Should().BeFalse("the lake of the runs is removed afterwards");
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "benchmark-ingest.json")));
        var run = report.RootElement.GetProperty("runs")[0];
        run.GetProperty("rows").GetInt64().Should().Be(2_000);
        run.GetProperty("stored").GetInt64().Should().Be(2_000);
        run.GetProperty("quarantined").GetInt64().Should().Be(0);
        run.GetProperty("peakWorkingSetBytes").GetInt64().Should().BeGreaterThan(10_000_000, "the child process reports its own peak");
    }

    [Fact]
    public async Task BenchmarkIngest_SameSizeAndSeed_ReusesTheExport()
    {
        using var workspace = new TestWorkspace();
        string folder = Path.Combine(workspace.Root, "benchmark");
        await new BenchmarkCommand(new TestConsole().Console).ExecuteAsync(contacts: 500, files: 1, runs: 1, seed: 3, folder, CancellationToken.None);
        string file = Path.Combine(folder, "export", "contacts-000.csv");
        string first = File.ReadAllText(file);
        var console = new TestConsole();

        int exit = await new BenchmarkCommand(console.Console).ExecuteAsync(contacts: 500, files: 1, runs: 1, seed: 3, folder, CancellationToken.None);

        exit.Should().Be(0, console.Output);
        console.Output.Should().Contain("reused");
        File.ReadAllText(file).Should().Be(first);
        var lines = first.Split("\nB", StringSplitOptions.None);
        lines.Should().HaveCount(501, "a header and 500 contacts");
        first.Should().Contain("Customer: ").And.Contain("Agent: ").And.Contain("@example.com");
    }
}
