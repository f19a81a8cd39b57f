namespace Insight.Pipeline.Ingest;

/// <summary>
/// Stage 1: reads the configured exports, validates every row, redacts personal data and writes
/// <c>lake/contacts</c>, <c>lake/purchases</c>, <c>lake/customers</c> and <c>lake/quarantine</c>.
/// </summary>
public interface IIngestStage
{
    Task<IngestReport> RunAsync(CancellationToken cancellationToken);
}
