using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the alerts stage of a run.</summary>
public sealed class AlertsJob(PipelineRunner runner, JobLocks locks) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Alerts;
}
