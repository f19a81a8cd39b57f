using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the topics stage of a run.</summary>
public sealed class TopicsJob(PipelineRunner runner) : StageJob(runner)
{
    public override string Stage => PipelineStages.Topics;
}
