using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the summarize stage of a run.</summary>
public sealed class SummarizeJob(PipelineRunner runner, JobLocks locks) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Summarize;
}
