using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Insight.Host.Hosting;
using Insight.Host.Jobs;
using Insight.Host.Serve;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Insight.Host.Tests.Serve;

/// <summary>The recurring jobs of <c>insight serve</c>, run by a real Hangfire server on in-memory storage.</summary>
public sealed class ScheduledJobsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task IngestCycle_LabelsAndResolvesOnlyAfterNewData()
    {
        using var workspace = new TestWorkspace(customers: 400);
        using var host = await StartAsync(workspace);
        var storage = host.Services.GetRequiredService<JobStorage>();
        var recurring = (IRecurringJobManagerV2)host.Services.GetRequiredService<IRecurringJobManager>();

        string first = recurring.TriggerJob(RecurringSchedule.Ingest)!;
        await WaitAsync(storage, () => Succeeded(storage).Count(j => j.Type == typeof(AlertsJob)) == 1);
        Succeeded(storage).Select(j => j.Type.Name).Should().Equal(nameof(IngestCycleJob), nameof(LabelJob), nameof(ResolveJob), nameof(AlertsJob));
        Succeeded(storage).Select(j => j.Args[0]).Skip(1).Should().AllBeEquivalentTo(Succeeded(storage)[1].Args[0], "label, resolve and alerts work in the ingest's run");
        ParentOf(storage, Succeeded(storage)[1].Id).Should().Be(first, "label is a continuation of the ingest that brought the data");

        recurring.TriggerJob(RecurringSchedule.Ingest);
        await WaitAsync(storage, () => Succeeded(storage).Count(j => j.Type == typeof(IngestCycleJob)) == 2);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Succeeded(storage).Should().HaveCount(5, "an ingest that found nothing new has no continuations");
        storage.GetMonitoringApi().EnqueuedCount("default").Should().Be(0);
        await host.StopAsync();
    }

    [Fact]
    public async Task Daily_RunsTheWholeChainInTheDaysRun_AndRepeatingItGivesTheSameLists()
    {
        using var workspace = new TestWorkspace(customers: 400);
        using var host = await StartAsync(workspace);
        var storage = host.Services.GetRequiredService<JobStorage>();
        var recurring = (IRecurringJobManagerV2)host.Services.GetRequiredService<IRecurringJobManager>();

        recurring.TriggerJob(RecurringSchedule.Daily);
        await WaitAsync(storage, () => Succeeded(storage).Any(j => j.Type == typeof(SummarizeJob)));
        string fixes = File.ReadAllText(workspace.Output("upstream-fixes.csv"));
        string atRisk = File.ReadAllText(workspace.Output("at-risk-customers.csv"));
        recurring.TriggerJob(RecurringSchedule.Daily);
        await WaitAsync(storage, () => Succeeded(storage).Count(j => j.Type == typeof(SummarizeJob)) == 2);
        await host.StopAsync();

        var stages = Succeeded(storage).Where(j => j.Type.IsSubclassOf(typeof(StageJob))).ToList();
        stages.Should().HaveCount(2 * PipelineStages.Daily.Count);
        stages.Should().NotContain(j => j.Type == typeof(TrainJob), "the daily run scores with the latest model");
        string runId = (string)stages[0].Args[0];
        runId.Should().MatchRegex(@"^daily-\d{8}$");
        stages.Select(j => j.Args[0]).Should().AllBeEquivalentTo(runId, "a repeat on the same day is the same run");
        File.ReadAllText(workspace.Output("upstream-fixes.csv")).Should().Be(fixes);
        File.ReadAllText(workspace.Output("at-risk-customers.csv")).Should().Be(atRisk);
    }

    [Fact]
    public async Task Retrain_TrainsTheModelThatTheNextDailyRunScoresWith()
    {
        using var workspace = new TestWorkspace(customers: 400);
        using var host = await StartAsync(workspace);
        var storage = host.Services.GetRequiredService<JobStorage>();
        var recurring = (IRecurringJobManagerV2)host.Services.GetRequiredService<IRecurringJobManager>();
        var log = host.Services.GetRequiredService<RunLog>();

        recurring.TriggerJob(RecurringSchedule.Retrain);
        await WaitAsync(storage, () => Succeeded(storage).Any(j => j.Type == typeof(TrainJob)));
        var retrain = Succeeded(storage).Where(j => j.Type.IsSubclassOf(typeof(StageJob))).ToList();
        retrain.Select(j => j.Type).Should().Equal(typeof(IngestJob), typeof(LabelJob), typeof(TrainJob));
        string retrainRun = (string)retrain[0].Args[0];
        retrainRun.Should().MatchRegex(@"^retrain-\d{8}$");
        var registry = host.Services.GetRequiredService<ModelRegistry>();
        var champion = registry.Champion(ModelRegistry.Churn)!;
        var card = champion.Card.DetailsAs<ChurnModelCard>();

        recurring.TriggerJob(RecurringSchedule.Daily);
        await WaitAsync(storage, () => Succeeded(storage).Any(j => j.Type == typeof(SummarizeJob)));
        await host.StopAsync();

        string dailyRun = (string)Succeeded(storage).First(j => j.Type == typeof(SummarizeJob)).Args[0];
        registry.Versions(ModelRegistry.Churn).Should().ContainSingle("the daily run trains nothing when a champion exists");
        var scored = log.ReadReport<ChurnReport>(dailyRun, PipelineStages.Churn);
        scored.Scored.Should().BeGreaterThan(0);
        scored.TrainAsOf.Should().Be(card.TrainAsOf);
        scored.Validation!.RocAuc.Should().Be(card.Validation.RocAuc, "the daily report describes the retrained model it scored with");
        (await workspace.RowsAsync<ChurnScore>(LakeTables.ChurnScores)).Should().OnlyContain(row => row.Contains($"\"churn_model\":\"{champion.Version}\""), "every score records the version that made it");
    }

    [Fact]
    public async Task BadData_FailsAtOnceWithTheReasonForTheDashboard()
    {
        using var workspace = new TestWorkspace();
        string contacts = workspace.Write("contacts.csv", "contact_id,customer_id,started_at,channel\nk1,c1,2025-03-01T10:00:00Z,phone\n");
        string purchases = workspace.Write("purchases.csv", "order_id,customer_id,ordered_at,amount\no1,c1,2025-03-01T09:00:00Z,20\n");
        using var host = await StartAsync(workspace, new()
        {
            ["Input:Contacts:Path"] = contacts,
            ["Input:Purchases:Path"] = purchases,
        });
        var storage = host.Services.GetRequiredService<JobStorage>();

        ((IRecurringJobManagerV2)host.Services.GetRequiredService<IRecurringJobManager>()).TriggerJob(RecurringSchedule.Daily);
        await WaitAsync(storage, () => storage.GetMonitoringApi().FailedCount() == 1);
        await host.StopAsync();

        var failed = storage.GetMonitoringApi().FailedJobs(0, 10).Single().Value;
        failed.Job.Type.Should().Be<ChurnJob>();
        failed.ExceptionType.Should().Be(typeof(InvalidDataException).FullName);
        failed.ExceptionMessage.Should().Contain("Churn needs history");
        var history = storage.GetMonitoringApi().JobDetails(storage.GetMonitoringApi().FailedJobs(0, 10).Single().Key).History;
        history.Count(h => h.StateName == "Processing").Should().Be(1, "bad data is not retried");
    }

    [Fact]
    public async Task Shutdown_ReleasesTheRunningJob_AndAnotherServerFinishesIt()
    {
        using var workspace = new TestWorkspace(customers: 300);
        // A storage that outlives hosts logs through nobody's loggers (Hangfire's log provider is static,
        // and each host's loggers go when the host does).
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new SilentLogs());
        var storage = new InMemoryStorage(new InMemoryStorageOptions());
        var first = await StartAsync(workspace, new() { ["Hangfire:ShutdownTimeoutSeconds"] = "1" }, storage, scheduled: false);
        string jobId = first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<HoldingJob>(j => j.RunAsync(CancellationToken.None));
        await WaitAsync(storage, () => HoldingJob.Started >= 1);

        await first.StopAsync();
        first.Dispose();

        HoldingJob.Cancelled.Should().Be(1, "shutdown cancels the running job");
        storage.GetMonitoringApi().FailedCount().Should().Be(0);
        storage.GetMonitoringApi().EnqueuedCount("default").Should().Be(1, "the job went back to its queue");

        HoldingJob.Release = true;
        using var second = await StartAsync(workspace, [], storage, scheduled: false);
        await WaitAsync(storage, () => storage.GetMonitoringApi().SucceededListCount() == 1);
        await second.StopAsync();
        storage.GetMonitoringApi().JobDetails(jobId).History.First().StateName.Should().Be("Succeeded");
    }

    private sealed class SilentLogs : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
    {
        public Hangfire.Logging.ILog GetLogger(string name) => this;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }

    /// <summary>Waits for its token until released.</summary>
    public sealed class HoldingJob
    {
        public static int Started;
        public static int Cancelled;
        public static volatile bool Release;

        [AutomaticRetry(Attempts = 0)]
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Started);
            try
            {
                while (!Release)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref Cancelled);
                throw;
            }
        }
    }

    private static async Task<IHost> StartAsync(TestWorkspace workspace, Dictionary<string, string?>? settings = null, JobStorage? storage = null, bool scheduled = true)
    {
        string demo = Path.Combine(workspace.Root, "demo");
        var overrides = new Dictionary<string, string?>
        {
            ["Input:Contacts:Path"] = Path.Combine(demo, DemoFiles.Contacts),
            ["Input:Purchases:Path"] = Path.Combine(demo, DemoFiles.Purchases),
            ["Input:Customers:Path"] = Path.Combine(demo, DemoFiles.Customers),
            ["Schedule:Jobs:ingest:Cron"] = Cron.Never(),
            ["Schedule:Jobs:daily:Cron"] = Cron.Never(),
            ["Schedule:Jobs:retrain:Cron"] = Cron.Never(),
        };
        foreach (var (key, value) in settings ?? [])
        {
            overrides[key] = value;
        }

        var host = InsightHost.Build(InsightConfiguration.Build(workspace.ConfigFile, overrides), services =>
        {
            services.AddTransient<HoldingJob>();
            if (storage is not null)
            {
                services.AddSingleton(storage);
            }
        });
        if (!File.Exists(Path.Combine(demo, DemoFiles.Contacts)))
        {
            new DemoWorldGenerator(host.Services.GetRequiredService<RootCauseTaxonomy>()).Generate(400, 400, 42, new DateTime(2025, 1, 1), demo);
        }

        if (scheduled)
        {
            var options = new ScheduleOptions();
            options.Jobs[RecurringSchedule.Ingest] = new ScheduledJobOptions { Cron = Cron.Never() };
            options.Jobs[RecurringSchedule.Daily] = new ScheduledJobOptions { Cron = Cron.Never() };
            options.Jobs[RecurringSchedule.Retrain] = new ScheduledJobOptions { Cron = Cron.Never() };
            RecurringSchedule.Apply(host.Services.GetRequiredService<IRecurringJobManager>(), host.Services.GetRequiredService<JobStorage>(), options);
        }

        await host.StartAsync();
        return host;
    }

    private static List<(string Id, Type Type, object[] Args)> Succeeded(JobStorage storage) =>
        [.. storage.GetMonitoringApi().SucceededJobs(0, 100)
            .Select(j => (j.Key, j.Value.Job.Type, j.Value.Job.Args.ToArray()))
            .Reverse()];

    private static string? ParentOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId) is not null
            && storage.GetMonitoringApi().JobDetails(jobId).History.Last().Data.TryGetValue("ParentId", out var parent)
            ? parent
            : null;
    }

    private static Task WaitAsync(JobStorage storage, Func<bool> done) =>
        Eventually.UntilAsync(done, Patience, "Hangfire to get there", () => $"failed: {storage.GetMonitoringApi().FailedJobs(0, 1).FirstOrDefault().Value?.ExceptionMessage ?? "none"}");
}
