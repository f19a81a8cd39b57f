using Insight.Host.Hosting;
using Insight.Pipeline.Run;
using Microsoft.Extensions.Options;

namespace Insight.Host.Jobs;

/// <summary>Runs the churn (scoring) stage of a run: in one job, or fanned out into <see cref="HangfireOptions.Shards"/> shard jobs.</summary>
public sealed class ChurnJob(PipelineRunner runner, JobLocks locks, ShardedStage sharded, IOptions<HangfireOptions> options) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Churn;

    protected override Task ExecuteAsync(string runId, CancellationToken cancellationToken) =>
        options.Value.Shards > 1 ? sharded.RunAsync(Stage, runId, options.Value.Shards, cancellationToken) : base.ExecuteAsync(runId, cancellationToken);
}
