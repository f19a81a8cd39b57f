using Insight.Host.Hosting;
using Insight.Pipeline.Run;
using Microsoft.Extensions.Options;

namespace Insight.Host.Jobs;

/// <summary>Runs the churn (scoring) stage of a run: in one job, or fanned out into shard jobs.</summary>
public sealed class ChurnJob(PipelineRunner runner, JobLocks locks, ShardedStage sharded, IOptions<HangfireOptions> options) : ShardableStageJob(runner, locks, sharded, options)
{
    public override string Stage => PipelineStages.Churn;
}
