namespace Insight.Pipeline.Ingest;

/// <summary>What happened to one input: every row read is stored, merged as a duplicate, or quarantined.</summary>
/// <param name="Source">contacts, purchases or customers.</param>
/// <param name="File">The file read.</param>
/// <param name="RowsRead">Data rows read (the header excluded).</param>
/// <param name="Stored">Rows stored in the lake.</param>
/// <param name="Duplicates">Rows whose id was already read in this run; the later row replaces the earlier.</param>
/// <param name="Quarantined">Rows that failed validation, kept in the quarantine table with their reason.</param>
/// <param name="Error">Why the file could not be read at all; null when it could.</param>
public sealed record SourceReport(string Source, string File, long RowsRead, long Stored, long Duplicates, long Quarantined, string? Error);
