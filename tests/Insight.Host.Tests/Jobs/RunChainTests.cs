using Hangfire;
using Insight.Host.Hosting;
using Insight.Host.Jobs;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Insight.Host.Tests.Jobs;

public sealed class RunChainTests
{
    [Fact]
    public async Task Enqueue_RunsEveryStageAsAHangfireJobInOrder()
    {
        using var workspace = new TestWorkspace(customers: 600);
        string demo = Path.Combine(workspace.Root, "demo");
        var configuration = InsightConfiguration.Build(workspace.ConfigFile, new Dictionary<string, string?>
        {
            ["Input:Contacts:Path"] = Path.Combine(demo, DemoFiles.Contacts),
            ["Input:Purchases:Path"] = Path.Combine(demo, DemoFiles.Purchases),
            ["Input:Customers:Path"] = Path.Combine(demo, DemoFiles.Customers),
        });
        using var host = InsightHost.Build(configuration);
        new DemoWorldGenerator(host.Services.GetRequiredService<RootCauseTaxonomy>()).Generate(600, 400, 42, new DateTime(2025, 1, 1), demo);
        await host.StartAsync();
        var chain = host.Services.GetRequiredService<RunChain>();
        var finished = new List<string>();

        var jobs = chain.Enqueue("run-1");
        await chain.WaitAsync(jobs, (stage, _) => finished.Add(stage), new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        await host.StopAsync();

        finished.Should().Equal(PipelineStages.Order);
        var monitoring = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        monitoring.SucceededListCount().Should().Be(PipelineStages.Order.Count);
        jobs.Select(j => monitoring.JobDetails(j.JobId).Job.Type.Name)
            .Should().Equal(nameof(IngestJob), nameof(LabelJob), nameof(TopicsJob), nameof(ResolveJob), nameof(TrainJob), nameof(ChurnJob), nameof(RankJob), nameof(AlertsJob), nameof(SummarizeJob));
        File.Exists(workspace.Output(PipelineRunner.SummaryFile)).Should().BeTrue();
    }
}
