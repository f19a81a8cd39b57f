using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the label stage of a run.</summary>
public sealed class LabelJob(PipelineRunner runner) : StageJob(runner)
{
    public override string Stage => PipelineStages.Label;
}
