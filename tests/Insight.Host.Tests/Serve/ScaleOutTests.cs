using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Insight.Host.Cli;
using Insight.Host.Hosting;
using Insight.Host.Jobs;
using Insight.Host.Tests.Cli;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Run;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Insight.Host.Tests.Serve;

/// <summary>
/// Several Insight servers on one PostgreSQL database (the real server <c>.ci/run</c> starts; connection
/// string in <c>INSIGHT_TEST_POSTGRES</c>) share a sharded run. Each test has a Hangfire schema of its own
/// and drops it. Outputs are compared with a single in-memory server's run of the same demo world.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const int Customers = 1_500;
    private const int Shards = 4;
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("INSIGHT_TEST_POSTGRES");
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly string _schema = "hangfire_test_" + Guid.NewGuid().ToString("N")[..12];

    [SkippableFact]
    public async Task TwoServers_SplitAShardedRun_EachShardRunsOnce_AndTheOutputsEqualASingleServerRun()
    {
        RequireServer();
        using var single = await SingleServerRunAsync();
        using var workspace = new TestWorkspace(customers: Customers, extra: Settings());
        using var a = InsightHost.Build(InsightConfiguration.Build(workspace.ConfigFile, ServerSettings(workspace, "server-a")));
        using var b = InsightHost.Build(InsightConfiguration.Build(workspace.ConfigFile, ServerSettings(workspace, "server-b")));
        RunCommand.EnsureDemoWorld(a.Services, new TestConsole().Console);
        await a.StartAsync();
        await b.StartAsync();

        var chain = a.Services.GetRequiredService<RunChain>();
        using (var patience = new CancellationTokenSource(Patience))
        {
            await chain.WaitAsync(chain.Enqueue("scale-out"), (_, _) => { }, patience.Token);
        }

        await b.StopAsync();
        await a.StopAsync();

        var shards = ShardJobs(a.Services.GetRequiredService<JobStorage>());
        shards.Select(s => (s.Stage, s.Index)).Should().BeEquivalentTo(EveryShard, "one job per shard of each sharded stage");
        shards.Should().OnlyContain(s => s.Servers.Count == 1, "each shard is processed by exactly one server");
        shards.Select(s => s.Servers[0]).Distinct().Should().BeEquivalentTo(["server-a", "server-b"], "both servers take shards");
        await OutputsShouldEqual(workspace, single);
    }

    [SkippableFact]
    public async Task KillingOneServerMidRun_LosesNothing_TheOtherFinishesWithTheSameOutputs()
    {
        RequireServer();
        using var single = await SingleServerRunAsync();
        using var workspace = new TestWorkspace(customers: Customers, extra: Settings());
        using (var generator = InsightHost.Build(InsightConfiguration.Build(workspace.ConfigFile)))
        {
            RunCommand.EnsureDemoWorld(generator.Services, new TestConsole().Console);
        }

        var options = new HangfireOptions { ConnectionString = ConnectionString!, Schema = _schema, InvisibilityTimeoutSeconds = 10 };
        var storage = HostingServiceCollectionExtensions.CreateStorage(options);
        var servers = new Dictionary<string, Process> { ["server-a"] = StartServer(workspace, "server-a"), ["server-b"] = StartServer(workspace, "server-b") };
        try
        {
            await WaitUntil(() => storage.GetMonitoringApi().Servers().Count == 2, "both servers to start");
            var chain = new RunChain(new BackgroundJobClient(storage), storage);
            var jobs = chain.Enqueue("kill-one");

            // Kill the server that holds sharded work (a stage job that fans out, or a shard) as soon as one does.
            KeyValuePair<string, ProcessingJobDto> held = default;
            await WaitUntil(
                () =>
                {
                    storage.GetMonitoringApi().FailedCount().Should().Be(0, "no job of the run fails");
                    held = storage.GetMonitoringApi().ProcessingJobs(0, 100)
                        .FirstOrDefault(j => j.Value.Job.Type == typeof(ShardJob) || j.Value.Job.Type == typeof(LabelJob) || j.Value.Job.Type == typeof(ChurnJob));
                    return held.Key is not null;
                },
                "a server to take sharded work");
            string victim = held.Value.ServerId.Split(':')[0];
            string survivor = servers.Keys.Single(name => name != victim);
            servers[victim].Kill(entireProcessTree: true);
            await servers[victim].WaitForExitAsync();

            using (var patience = new CancellationTokenSource(Patience))
            {
                await chain.WaitAsync(jobs, (_, _) => { }, patience.Token);
            }

            var history = storage.GetMonitoringApi().JobDetails(held.Key).History;
            history.First().StateName.Should().Be("Succeeded");
            history.Where(h => h.StateName == "Processing").Select(h => h.Data["ServerId"].Split(':')[0])
                .Should().Contain(victim).And.Contain(survivor, "the survivor took over the killed server's job");
            ShardJobs(storage).Where(s => s.Succeeded).Select(s => (s.Stage, s.Index)).Distinct().Should().BeEquivalentTo(EveryShard);
            await OutputsShouldEqual(workspace, single);
        }
        finally
        {
            foreach (var server in servers.Values)
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                }

                server.Dispose();
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private Dictionary<string, object> Settings() => new()
    {
        ["Hangfire"] = new { ConnectionString, Schema = _schema, Shards, WorkerCount = 2, InvisibilityTimeoutSeconds = 10, ShutdownTimeoutSeconds = 5 },
        ["Schedule"] = new { Jobs = new { ingest = new { Enabled = false }, daily = new { Enabled = false }, retrain = new { Enabled = false } } },
    };

    /// <summary>A server of the workspace's demo world under a name of its own.</summary>
    private static Dictionary<string, string?> ServerSettings(TestWorkspace workspace, string name) =>
        new(RunCommand.DemoInputs(Path.Combine(workspace.Root, "demo"))) { ["Hangfire:ServerName"] = name };

    /// <summary>The same demo world run by one in-memory server, unsharded: what the servers must reproduce.</summary>
    private static async Task<TestWorkspace> SingleServerRunAsync()
    {
        var single = new TestWorkspace(customers: Customers);
        (await new RunCommand(new TestConsole().Console).ExecuteAsync(single.ConfigFile, CancellationToken.None, RunCommandFixture.FixedTime)).Should().Be(0);
        return single;
    }

    private static async Task OutputsShouldEqual(TestWorkspace workspace, TestWorkspace single)
    {
        foreach (string output in new[] { "at-risk-customers.csv", "upstream-fixes.csv" })
        {
            File.ReadAllText(workspace.Output(output)).Should().Be(File.ReadAllText(single.Output(output)), output);
        }

        (await workspace.RowsAsync<LabeledContact>(LakeTables.LabeledContacts)).Should().HaveCountGreaterThan(1_000).And.Equal(await single.RowsAsync<LabeledContact>(LakeTables.LabeledContacts));
        (await workspace.ChurnScoresAsync()).Should().HaveCountGreaterThan(100).And.Equal(await single.ChurnScoresAsync());
    }

    /// <summary>Each shard of each sharded stage of a run.</summary>
    private static IEnumerable<(string Stage, int Index)> EveryShard =>
        new[] { PipelineStages.Label, PipelineStages.Churn }.SelectMany(stage => Enumerable.Range(0, Shards).Select(i => (stage, i)));

    /// <summary>Every shard job of the storage: its stage and shard, whether it succeeded, and the servers that processed it.</summary>
    private static List<(string Stage, int Index, bool Succeeded, List<string> Servers)> ShardJobs(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        using var connection = storage.GetConnection();
        return
        [
            .. monitoring.SucceededJobs(0, 500).Select(j => j.Key)
                .Concat(monitoring.FailedJobs(0, 500).Select(j => j.Key))
                .Select(id => (Id: id, Details: monitoring.JobDetails(id)))
                .Where(j => j.Details.Job.Type == typeof(ShardJob))
                .Select(j => (
                    (string)j.Details.Job.Args[0],
                    (int)j.Details.Job.Args[2],
                    j.Details.History.First().StateName == "Succeeded",
                    j.Details.History.Where(h => h.StateName == "Processing").Select(h => h.Data["ServerId"].Split(':')[0]).Distinct().ToList())),
        ];
    }

    private static Process StartServer(TestWorkspace workspace, string name) =>
        InsightProcess.Start(
            workspace,
            ["serve", "--config", workspace.ConfigFile, "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { [InsightConfiguration.EnvironmentPrefix + "Hangfire__ServerName"] = name });

    private static Task WaitUntil(Func<bool> condition, string what) => Eventually.UntilAsync(condition, Patience, what);

    private static void RequireServer() =>
        Skip.If(ConnectionString is null, "INSIGHT_TEST_POSTGRES is not set: .ci/run starts a PostgreSQL server and sets it");
}
