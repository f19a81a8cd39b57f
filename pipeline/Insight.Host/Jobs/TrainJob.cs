using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the train stage of a run: a new churn model that later runs score with.</summary>
public sealed class TrainJob(PipelineRunner runner, JobLocks locks) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Train;
}
