using System.Diagnostics;
using System.Text.Json;
using Insight.Host.Cli;
using Insight.Pipeline.Run;

namespace Insight.Host.Tests.Cli;

public sealed class PipelineBenchmarkCommandTests
{
    [Fact]
    public async Task Bench_SmallWorld_MeasuresEveryStageInItsOwnProcessAtBothSizes()
    {
        using var workspace = new TestWorkspace();
        var console = new TestConsole();
        string output = Path.Combine(workspace.Root, "out", "bench.json");

        int exit = await new PipelineBenchmarkCommand(console.Console).ExecuteAsync(
            contacts: 6_000, customers: 600, runs: 1, smaller: 2, seed: 7, Path.Combine(workspace.Root, "bench"), output, ["Labeling:MaxTrainingExamples=500"], CancellationToken.None);

        exit.Should().Be(0, console.Output);
        console.Output.Should().Contain("end to end").And.Contain("labelling (contacts/s)").And.Contain("time growth for").And.Contain($"{Environment.ProcessorCount} cores");
        using var report = JsonDocument.Parse(File.ReadAllText(output));
        var sizes = report.RootElement.GetProperty("sizes");
        sizes.GetArrayLength().Should().Be(2);
        sizes[0].GetProperty("world").GetProperty("customers").GetInt32().Should().Be(300);
        var full = sizes[1];
        full.GetProperty("world").GetProperty("contacts").GetInt64().Should().BeInRange(4_000, 8_000, "the contact rate is chosen for the contacts asked for");
        var stages = full.GetProperty("stages").EnumerateArray().ToList();
        stages.Select(s => s.GetProperty("stage").GetString()).Should().Equal(PipelineStages.Order);
        stages.Should().OnlyContain(s => s.GetProperty("seconds").GetDouble() > 0 && s.GetProperty("peakBytes").GetDouble() > 10_000_000);
        stages.Single(s => s.GetProperty("stage").GetString() == PipelineStages.Label).GetProperty("throughput").GetDouble().Should().BeGreaterThan(0);
        stages.Single(s => s.GetProperty("stage").GetString() == PipelineStages.Churn).GetProperty("throughput").GetDouble().Should().BeGreaterThan(0);
        var measured = full.GetProperty("runs")[0].EnumerateArray().ToList();
        measured.Should().OnlyContain(s => s.GetProperty("gcPauseSeconds").GetDouble() >= 0
            && s.GetProperty("gen0").GetInt32() >= s.GetProperty("gen1").GetInt32() && s.GetProperty("gen1").GetInt32() >= s.GetProperty("gen2").GetInt32());
        measured.Sum(s => s.GetProperty("gen0").GetInt32()).Should().BeGreaterThan(0, "each stage's garbage collections are counted, and a whole pass allocates enough for some");
        report.RootElement.GetProperty("settings")[0].GetString().Should().Be("Labeling:MaxTrainingExamples=500");
        string labelReport = File.ReadAllText(Path.Combine(workspace.Root, "bench", "workspace-600-6000", "data", "lake", "_runs", "bench", "label.json"));
        using var label = JsonDocument.Parse(labelReport);
        var r = label.RootElement.GetProperty("report");
        (r.GetProperty("training_examples").GetInt32() + r.GetProperty("holdout_examples").GetInt32()).Should().BeLessThanOrEqualTo(500, "--set reaches every stage's process");
    }

    [Fact]
    public async Task Bench_BadSetting_IsRefused()
    {
        var console = new TestConsole();

        int exit = await new PipelineBenchmarkCommand(console.Console).ExecuteAsync(1_000, 100, 1, 1, 1, "unused", "unused.json", ["no-equals"], CancellationToken.None);

        exit.Should().Be(2);
        console.Output.Should().Contain("'no-equals' is not key=value");
    }

    [SkippableFact]
    public async Task BenchPeer_SmallWorld_WritesTheSplitsAndScikitLearnReadsThem()
    {
        using var workspace = new TestWorkspace();
        var console = new TestConsole();
        string output = Path.Combine(workspace.Root, "peer");

        int exit = await new PeerBenchmarkCommand(console.Console).ExecuteAsync(contacts: 6_000, customers: 600, runs: 2, seed: 7, Path.Combine(workspace.Root, "bench"), output, CancellationToken.None);

        exit.Should().Be(0, console.Output);
        File.ReadLines(Path.Combine(output, PeerBenchmarkCommand.RootCausesTrain)).First().Should().Be("text,label");
        string churnHeader = File.ReadLines(Path.Combine(output, PeerBenchmarkCommand.ChurnTrain)).First();
        churnHeader.Should().StartWith("days_since_last_order,").And.EndWith(",label");
        using var insight = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, PeerBenchmarkCommand.ResultFile)));
        var rootCauses = insight.RootElement.GetProperty("rootCauses").GetProperty("result");
        rootCauses.GetProperty("macroF1").GetDouble().Should().BeGreaterThan(0.6);
        double testShare = rootCauses.GetProperty("testRows").GetInt32() / (double)(rootCauses.GetProperty("testRows").GetInt32() + rootCauses.GetProperty("trainRows").GetInt32());
        testShare.Should().BeApproximately(PeerBenchmarkCommand.TestShare, 0.03);
        insight.RootElement.GetProperty("runs").GetInt32().Should().Be(2);
        var churn = insight.RootElement.GetProperty("churn").EnumerateArray().ToList();
        churn.Select(c => c.GetProperty("settings").GetProperty("learner").GetString()).Should().Equal("FastTree", "LightGbm");
        churn.Select(c => c.GetProperty("configured").GetBoolean()).Should().Equal(false, true);
        churn.Should().OnlyContain(c => c.GetProperty("result").GetProperty("rocAuc").GetDouble() > 0.6 && c.GetProperty("result").GetProperty("trainSeconds").GetDouble() > 0);

        // The scikit-learn side, with Debian's python and python3-sklearn (CI installs it; .ci/run).
        if (!HasScikitLearn())
        {
            Environment.GetEnvironmentVariable("CI").Should().NotBe("true", "CI must install python3-sklearn (.ci/run)");
            Skip.If(true, "/usr/bin/python3 has no sklearn (apt-get install python3-sklearn)");
        }

        var (code, text) = Run("/usr/bin/python3", [Path.Combine(TestWorkspace.RepoRoot, "tests", "peer", "sklearn_peer.py"), output]);
        code.Should().Be(0, text);
        text.Should().Contain("| root causes |").And.Contain("| churn (FastTree) |").And.Contain("| churn (LightGbm, configured) |")
            .And.Contain("medians of 2 fits and 2 prediction passes");
        using var side = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "side-by-side.json")));
        var rows = side.RootElement.GetProperty("rows").EnumerateArray().ToList();
        rows.Should().HaveCount(3);
        rows.Should().OnlyContain(r => r.GetProperty("sklearn").GetDouble() > 0.6 && r.GetProperty("sklearnTrainSeconds").GetDouble() > 0);
        rows[0].GetProperty("insight").GetDouble().Should().Be(rootCauses.GetProperty("macroF1").GetDouble(), "the table carries Insight's own figure");
        rows[2].GetProperty("insight").GetDouble().Should().Be(churn[1].GetProperty("result").GetProperty("rocAuc").GetDouble());
        rows[1].GetProperty("sklearn").GetDouble().Should().Be(rows[2].GetProperty("sklearn").GetDouble(), "scikit-learn is fitted once for both churn rows");
    }

    private static bool HasScikitLearn() => File.Exists("/usr/bin/python3") && Run("/usr/bin/python3", ["-c", "import sklearn"]).Code == 0;

    private static (int Code, string Output) Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(300_000).Should().BeTrue("it finishes within five minutes");
        return (process.ExitCode, output + error.Result);
    }
}
