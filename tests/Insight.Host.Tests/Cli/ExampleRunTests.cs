using System.Text.Json;
using Insight.Host.Cli;
using Insight.Pipeline.Run;

namespace Insight.Host.Tests.Cli;

/// <summary>
/// <c>insight run --config config/examples/...</c> runs the whole pass on real public data: CDNOW
/// (purchases only) and bitext (contacts only, with its own taxonomy). Skipped where the data is absent.
/// </summary>
public sealed class ExampleRunTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    [SkippableFact]
    public async Task Cdnow_PurchasesOnly_ScoresChurnAndListsAtRiskCustomers()
    {
        var (exit, output, summary) = await RunExampleAsync("cdnow");

        exit.Should().Be(0, output);
        summary.Inputs.Single(i => i.Source == "purchases").RowsStored.Should().Be(69_659);
        summary.AsOf.Should().Be(new DateTime(1998, 7, 1));
        summary.Metrics.ChurnValidationRocAuc.Should().BeGreaterThan(0.6);
        File.ReadAllLines(_workspace.Output("at-risk-customers.csv")).Length.Should().BeGreaterThan(100);
        File.ReadAllLines(_workspace.Output("upstream-fixes.csv")).Should().ContainSingle("no contacts: the header only");
        output.Should().Contain("Root causes: none (no contacts)");
    }

    [SkippableFact]
    public async Task Bitext_ContactsOnly_WithItsOwnTaxonomy_RanksFixesByContactCost()
    {
        var (exit, output, summary) = await RunExampleAsync("bitext");

        exit.Should().Be(0, output);
        summary.Metrics.RootCauseMode.Should().Be("dispositions");
        summary.Metrics.RootCauseHoldoutAccuracy.Should().BeGreaterThan(0.9);
        summary.Metrics.ChurnValidationRocAuc.Should().BeNull();
        File.ReadAllLines(_workspace.Output("upstream-fixes.csv")).Length.Should().BeGreaterThan(20);
        output.Should().Contain("Churn: not scored (no purchases)");
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>Runs an example with its lake and outputs moved into the test's workspace and paths made absolute.</summary>
    private async Task<(int Exit, string Output, RunSummary Summary)> RunExampleAsync(string name)
    {
        string file = _workspace.WriteExample(name);
        var console = new TestConsole();
        int exit = await new RunCommand(console.Console).ExecuteAsync(file, CancellationToken.None, RunCommandFixture.FixedTime);
        var summary = exit == 0 ? JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(_workspace.Output("run-summary.json")), RunLog.Json)! : null!;
        return (exit, console.Output, summary);
    }
}
