using Insight.Host.Hosting;
using Insight.Pipeline.Run;
using Microsoft.Extensions.Options;

namespace Insight.Host.Jobs;

/// <summary>
/// A stage job whose stage can fan out (<see cref="PipelineRunner.CanShard"/>): in one job, or into
/// <see cref="HangfireOptions.Shards"/> shard jobs that it completes.
/// </summary>
public abstract class ShardableStageJob(PipelineRunner runner, JobLocks locks, ShardedStage sharded, IOptions<HangfireOptions> options) : StageJob(runner, locks)
{
    protected override Task ExecuteAsync(string runId, CancellationToken cancellationToken) =>
        options.Value.Shards > 1 ? sharded.RunAsync(Stage, runId, options.Value.Shards, cancellationToken) : base.ExecuteAsync(runId, cancellationToken);
}
