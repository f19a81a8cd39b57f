namespace Insight.Pipeline.Ingest;

/// <summary>
/// What happened to one source in a run. Every row read is either stored (added, an update of a row
/// stored before, or unchanged: already stored) or quarantined with its reason:
/// <c>RowsRead = RowsStored + RowsQuarantined</c>.
/// </summary>
/// <param name="Source">contacts, purchases or customers.</param>
/// <param name="Format">csv, jsonl, json, parquet or postgres; empty when not configured.</param>
/// <param name="Location">The configured path, pattern or table (without credentials).</param>
/// <param name="RowsRead">Input rows read in this run (the header excluded; a turn row counts as a row).</param>
/// <param name="RowsStored">Rows read that are now in the lake.</param>
/// <param name="RowsQuarantined">Rows read that failed validation, kept in the quarantine table.</param>
/// <param name="Added">Records with an id not stored before.</param>
/// <param name="Updated">Records that replaced the stored record of their id (newer update time, or changed values).</param>
/// <param name="Unchanged">Records identical to (or older than) what was stored: re-sent rows, overlapping exports.</param>
/// <param name="TableRows">Records in the lake table after the run.</param>
/// <param name="InputsSkipped">Files already taken by an earlier run and unchanged since.</param>
/// <param name="Inputs">One report per file (or query) read in this run.</param>
/// <param name="Error">Why the source, or some of its files, could not be read; null when all could.</param>
public sealed record SourceReport(
    string Source,
    string Format,
    string Location,
    long RowsRead,
    long RowsStored,
    long RowsQuarantined,
    long Added,
    long Updated,
    long Unchanged,
    long TableRows,
    int InputsSkipped,
    IReadOnlyList<InputReport> Inputs,
    string? Error);

/// <summary>What happened to one file or query.</summary>
/// <param name="Input">The file path, or the table.</param>
/// <param name="RowsRead">Rows read.</param>
/// <param name="RowsStored">Rows now in the lake.</param>
/// <param name="RowsQuarantined">Rows quarantined.</param>
/// <param name="Added">New records.</param>
/// <param name="Updated">Records that replaced older ones.</param>
/// <param name="Unchanged">Records already stored.</param>
/// <param name="Error">Why the input could not be read; nothing from it was stored. Null when it was read.</param>
public sealed record InputReport(string Input, long RowsRead, long RowsStored, long RowsQuarantined, long Added, long Updated, long Unchanged, string? Error);
