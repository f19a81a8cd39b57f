using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the ingest stage of a run.</summary>
public sealed class IngestJob(PipelineRunner runner, JobLocks locks) : StageJob(runner, locks)
{
    public override string Stage => PipelineStages.Ingest;
}
