using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>Runs the ingest stage of a run.</summary>
public sealed class IngestJob(PipelineRunner runner) : StageJob(runner)
{
    public override string Stage => PipelineStages.Ingest;
}
