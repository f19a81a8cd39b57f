namespace Insight.Pipeline.Ingest;

/// <summary>The outcome of ingestion, per source.</summary>
/// <param name="Sources">One report per input (contacts, purchases, customers).</param>
/// <param name="FirstEvent">Earliest contact or purchase time in the lake.</param>
/// <param name="LastEvent">Latest contact or purchase time in the lake.</param>
/// <param name="ManifestVersion">Version of the lake's ingest manifest after the run.</param>
public sealed record IngestReport(IReadOnlyList<SourceReport> Sources, DateTime? FirstEvent, DateTime? LastEvent, long ManifestVersion = 0);
