using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the rank stage of a run.</summary>
public sealed class RankJob(PipelineRunner runner) : StageJob(runner)
{
    public override string Stage => PipelineStages.Rank;
}
