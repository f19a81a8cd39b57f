using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the resolve stage of a run.</summary>
public sealed class ResolveJob(PipelineRunner runner, JobLocks locks) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Resolve;
}
