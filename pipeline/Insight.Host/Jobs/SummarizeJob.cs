using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the summarize stage of a run.</summary>
public sealed class SummarizeJob(PipelineRunner runner) : StageJob(runner)
{
    public override string Stage => PipelineStages.Summarize;
}
