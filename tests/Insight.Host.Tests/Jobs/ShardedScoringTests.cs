using System.Text.Json;
using Insight.Host.Cli;
using Insight.Host.Hosting;
using Insight.Host.Tests.Cli;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Run;
using Microsoft.Extensions.Options;

namespace Insight.Host.Tests.Jobs;

/// <summary>Churn scoring fanned out into shard jobs gives the same tables and lists as one job.</summary>
public sealed class ShardedScoringTests
{
    [Fact]
    public async Task Run_WithShards_ScoresEachCustomerInExactlyOneShard_AndEqualsAnUnshardedRun()
    {
        using var whole = new TestWorkspace(customers: 600);
        using var sharded = new TestWorkspace(customers: 600, extra: new() { ["Hangfire"] = new { Shards = 3, WorkerCount = 3 } });

        (await Run(whole)).Should().Be(0);
        (await Run(sharded)).Should().Be(0);

        var wholeScores = await whole.ChurnScoresAsync();
        var shardedScores = await sharded.ChurnScoresAsync();
        shardedScores.Should().HaveCountGreaterThan(100).And.Equal(wholeScores);
        File.ReadAllText(sharded.Output("at-risk-customers.csv")).Should().Be(File.ReadAllText(whole.Output("at-risk-customers.csv")));

        string run = Directory.GetDirectories(Path.Combine(sharded.LakeFolder, "_runs")).Single();
        var shardReports = Directory.GetFiles(Path.Combine(run, "shards"), "churn-*.json").Order(StringComparer.Ordinal).ToList();
        shardReports.Select(Path.GetFileName).Should().Equal("churn-001-of-003.json", "churn-002-of-003.json", "churn-003-of-003.json");
        var scored = shardReports.Select(f => JsonNode(f)["report"]!["scored"]!.GetValue<int>()).ToList();
        scored.Should().OnlyContain(n => n > 0, "every shard scores its share");
        scored.Sum().Should().Be(shardedScores.Count, "each customer is scored in exactly one shard");
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

    private static System.Text.Json.Nodes.JsonNode JsonNode(string path) => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
}
