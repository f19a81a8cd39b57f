using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the rank stage of a run.</summary>
public sealed class RankJob(PipelineRunner runner, JobLocks locks) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Rank;
}
