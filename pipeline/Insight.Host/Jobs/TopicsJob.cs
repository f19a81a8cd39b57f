using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the topics stage of a run.</summary>
public sealed class TopicsJob(PipelineRunner runner, JobLocks locks) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Topics;
}
