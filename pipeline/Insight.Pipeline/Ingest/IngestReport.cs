namespace Insight.Pipeline.Ingest;

/// <summary>The outcome of ingestion, per source.</summary>
/// <param name="Sources">One report per configured input.</param>
/// <param name="FirstEvent">Earliest contact or purchase time stored.</param>
/// <param name="LastEvent">Latest contact or purchase time stored.</param>
public sealed record IngestReport(IReadOnlyList<SourceReport> Sources, DateTime? FirstEvent, DateTime? LastEvent);
