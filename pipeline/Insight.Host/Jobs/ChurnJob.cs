using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the churn stage of a run.</summary>
public sealed class ChurnJob(PipelineRunner runner) : StageJob(runner)
{
    public override string Stage => PipelineStages.Churn;
}
