using System.Text.Json;
using Insight.Host.Cli;
using Insight.Host.Hosting;
using Insight.Host.Tests.Cli;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Run;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Insight.Host.Tests.Jobs;

/// <summary>Labelling and churn scoring fanned out into shard jobs give the same tables and lists as one job.</summary>
public sealed class ShardedScoringTests
{
    [Fact]
    public async Task Run_WithShards_LabelsAndScoresEachCustomerInExactlyOneShard_AndEqualsAnUnshardedRun()
    {
        using var whole = new TestWorkspace(customers: 600);
        using var sharded = new TestWorkspace(customers: 600, extra: new() { ["Hangfire"] = new { Shards = 3, WorkerCount = 3 } });

        (await Run(whole)).Should().Be(0);
        (await Run(sharded)).Should().Be(0);

        var wholeLabels = await whole.RowsAsync<LabeledContact>(LakeTables.LabeledContacts);
        (await sharded.RowsAsync<LabeledContact>(LakeTables.LabeledContacts)).Should().HaveCountGreaterThan(1_000).And.Equal(wholeLabels);
        var wholeScores = await whole.ChurnScoresAsync();
        var shardedScores = await sharded.ChurnScoresAsync();
        shardedScores.Should().HaveCountGreaterThan(100).And.Equal(wholeScores);
        File.ReadAllText(sharded.Output("at-risk-customers.csv")).Should().Be(File.ReadAllText(whole.Output("at-risk-customers.csv")));

        string run = Directory.GetDirectories(Path.Combine(sharded.LakeFolder, "_runs")).Single();
        var shardReports = Directory.GetFiles(Path.Combine(run, "shards"), "churn-*.json").Order(StringComparer.Ordinal).ToList();
        shardReports.Select(Path.GetFileName).Should().Equal("churn-001-of-003.json", "churn-002-of-003.json", "churn-003-of-003.json");
        var scored = shardReports.Select(f => JsonNode(f)["report"]!["output"]!["scored"]!.GetValue<int>()).ToList();
        scored.Should().OnlyContain(n => n > 0, "every shard scores its share");
        scored.Sum().Should().Be(shardedScores.Count, "each customer is scored in exactly one shard");

        var labelShards = Directory.GetFiles(Path.Combine(run, "shards"), "label-0*.json").Order(StringComparer.Ordinal).ToList();
        labelShards.Select(Path.GetFileName).Should().Equal("label-001-of-003.json", "label-002-of-003.json", "label-003-of-003.json");
        var labelled = labelShards.Select(f => JsonNode(f)["report"]!["output"]!["contacts"]!.GetValue<int>()).ToList();
        labelled.Should().OnlyContain(n => n > 0, "every shard labels its customers' contacts");
        labelled.Sum().Should().Be(wholeLabels.Count, "each contact is labelled in exactly one shard");
        string wholeRun = Directory.GetDirectories(Path.Combine(whole.LakeFolder, "_runs")).Single();
        LabelFigures(Path.Combine(run, "label.json")).Should().Equal(LabelFigures(Path.Combine(wholeRun, "label.json")), "the merged report counts what one pass counts");
        Directory.GetFiles(run, "pain-points-*").Should().BeEmpty("the pain-point taggers saved for the shards go once they are merged");
        File.ReadAllText(Path.Combine(run, "models", "root-causes.json")).Should().Contain("\"version\": \"v1\"", "the run pinned the classifier every shard labelled with");

        Directory.Exists(Path.Combine(sharded.LakeFolder, "_shards")).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(Path.Combine(sharded.LakeFolder, "_shards")).Should().BeEmpty("the completion step removes the shards' tables once merged");
    }

    [Fact]
    public async Task Run_WithShards_AndNoPurchases_ScoresNobodyAsAnUnshardedRunWould()
    {
        using var source = new TestWorkspace(customers: 300);
        using (var host = InsightHost.Build(InsightConfiguration.Build(source.ConfigFile)))
        {
            RunCommand.EnsureDemoWorld(host.Services, new TestConsole().Console);
        }

        using var workspace = new TestWorkspace(customers: 300, extra: new()
        {
            ["Hangfire"] = new { Shards = 2, WorkerCount = 2 },
            ["Input"] = new { Contacts = new { Path = Path.Combine(source.Root, "demo", DemoFiles.Contacts) } },
        });
        var console = new TestConsole();

        (await new RunCommand(console.Console).ExecuteAsync(workspace.ConfigFile, CancellationToken.None, RunCommandFixture.FixedTime)).Should().Be(0, console.Output);

        console.Output.Should().Contain("Churn: not scored (no purchases)");
        (await workspace.ChurnScoresAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task LabelShards_DoneBeforeTheLakeMovedOn_AreOutOfDate_AndRunAgainOnRetrainedModels()
    {
        using var workspace = new TestWorkspace(customers: 300);
        using var host = InsightHost.Build(RunCommand.BuildConfiguration(workspace.ConfigFile).Configuration);
        RunCommand.EnsureDemoWorld(host.Services, new TestConsole().Console);
        var runner = host.Services.GetRequiredService<PipelineRunner>();
        var lake = host.Services.GetRequiredService<ParquetLake>();
        var first = new Shard(0, 2);
        var second = new Shard(1, 2);
        const string run = "resumed";
        await runner.RunStageAsync(PipelineStages.Ingest, run, CancellationToken.None);
        await runner.PrepareShardsAsync(PipelineStages.Label, run, CancellationToken.None);
        await runner.RunShardAsync(PipelineStages.Label, run, first, CancellationToken.None);
        runner.ShardDone(PipelineStages.Label, run, first).Should().BeTrue();
        runner.ShardDone(PipelineStages.Label, run, second).Should().BeFalse();

        // An ingest commits while the run is stopped (its job died and let go of the lake).
        lake.CommitManifest(lake.ReadManifest());
        long moved = lake.ReadManifest().Version;

        runner.ShardDone(PipelineStages.Label, run, first).Should().BeFalse("its labels come from models of the lake before");
        var incomplete = () => runner.CompleteShardsAsync(PipelineStages.Label, run, 2, CancellationToken.None);
        (await incomplete.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*001-of-002, 002-of-002*");
        await runner.PrepareShardsAsync(PipelineStages.Label, run, CancellationToken.None);
        await runner.RunShardAsync(PipelineStages.Label, run, first, CancellationToken.None);
        await runner.RunShardAsync(PipelineStages.Label, run, second, CancellationToken.None);
        await runner.CompleteShardsAsync(PipelineStages.Label, run, 2, CancellationToken.None);

        runner.HasUnlabelledData().Should().BeFalse($"the label stage labelled the lake at version {moved}");
        (await workspace.RowsAsync<LabeledContact>(LakeTables.LabeledContacts)).Should().HaveCountGreaterThan(100);
    }

    [Fact]
    public void Shard_SplitsIdsStablyAndEvenly()
    {
        var ids = Enumerable.Range(0, 30_000).Select(i => $"c{i}").ToList();

        var counts = ids.GroupBy(id => Shard.Of(id, 4)).ToDictionary(g => g.Key, g => g.Count());

        counts.Keys.Should().BeEquivalentTo([0, 1, 2, 3]);
        counts.Values.Should().OnlyContain(n => Math.Abs(n - 7_500) < 400);
        ids.Should().OnlyContain(id => new Shard(Shard.Of(id, 4), 4).Contains(id) && Shard.Whole.Contains(id));
    }

    private static Task<int> Run(TestWorkspace workspace) =>
        new RunCommand(new TestConsole().Console).ExecuteAsync(workspace.ConfigFile, CancellationToken.None, RunCommandFixture.FixedTime);

    /// <summary>A label report without its timings.</summary>
    private static List<string> LabelFigures(string path)
    {
        var report = JsonNode(path)["report"]!.AsObject();
        return [.. report.Where(p => p.Key is not ("training_seconds" or "contacts_per_second" or "labelled_per_second")).Select(p => $"{p.Key}={p.Value?.ToJsonString()}")];
    }

    private static System.Text.Json.Nodes.JsonNode JsonNode(string path) => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
}
