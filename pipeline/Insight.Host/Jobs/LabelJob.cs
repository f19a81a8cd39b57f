using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the label stage of a run.</summary>
public sealed class LabelJob(PipelineRunner runner, JobLocks locks) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Label;
}
