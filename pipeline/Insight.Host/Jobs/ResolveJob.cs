using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the resolve stage of a run.</summary>
public sealed class ResolveJob(PipelineRunner runner) : StageJob(runner)
{
    public override string Stage => PipelineStages.Resolve;
}
