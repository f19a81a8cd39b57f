using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the alerts stage of a run.</summary>
public sealed class AlertsJob(PipelineRunner runner) : StageJob(runner)
{
    public override string Stage => PipelineStages.Alerts;
}
