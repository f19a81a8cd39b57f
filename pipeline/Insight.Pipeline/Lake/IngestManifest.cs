namespace Insight.Pipeline.Lake;

/// <summary>
/// What the ingested tables are made of and how far each source has been read, in one small JSON file
/// (<c>lake/_ingest.json</c>) that is replaced atomically. A part file that it does not list does not
/// exist for readers: a crash before the manifest is replaced leaves the previous state whole, and the
/// next run deletes the leftovers and reads the same inputs again.
/// </summary>
public sealed class IngestManifest
{
    public const string FileName = "_ingest.json";

    /// <summary>Incremented by every commit.</summary>
    public long Version { get; set; }

    /// <summary>Ingested table (contacts, purchases, customers, quarantine) to its parts.</summary>
    public Dictionary<string, TableState> Tables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Source (contacts, purchases, customers) to how far it has been read.</summary>
    public Dictionary<string, SourceWatermark> Watermarks { get; set; } = new(StringComparer.Ordinal);

    public TableState Table(string table)
    {
        if (!Tables.TryGetValue(table, out var state))
        {
            Tables[table] = state = new TableState();
        }

        return state;
    }

    public SourceWatermark Watermark(string source)
    {
        if (!Watermarks.TryGetValue(source, out var watermark))
        {
            Watermarks[source] = watermark = new SourceWatermark();
        }

        return watermark;
    }
}

/// <summary>An ingested table: its part files in order, and the span of its event times.</summary>
public sealed class TableState
{
    public List<string> Parts { get; set; } = [];

    /// <summary>Number of the next part file to write.</summary>
    public long NextPart { get; set; } = 1;

    /// <summary>Rows in the table (the current version of each id).</summary>
    public long Rows { get; set; }

    /// <summary>Earliest event time stored (contact start, order time).</summary>
    public DateTime? FirstEvent { get; set; }

    /// <summary>Latest event time stored.</summary>
    public DateTime? LastEvent { get; set; }

    public string TakePartName() => $"part-{NextPart++:D6}.parquet";

    public void Extend(DateTime? first, DateTime? last)
    {
        if (first is { } f && (FirstEvent is null || f < FirstEvent))
        {
            FirstEvent = f;
        }

        if (last is { } l && (LastEvent is null || l > LastEvent))
        {
            LastEvent = l;
        }
    }
}

/// <summary>How far a source has been read: the files taken, or for a table the last update time seen.</summary>
public sealed class SourceWatermark
{
    /// <summary>Full path of every file taken to its size and modification time when it was taken; a file that changes is read again.</summary>
    public Dictionary<string, FileStamp> Files { get; set; } = new(StringComparer.Ordinal);

    /// <summary>For a PostgreSQL source with an update column: the latest update time read, in ISO 8601 (with Z when the column has a time zone).</summary>
    public string? UpdatedSince { get; set; }
}

/// <summary>A file as it was when it was taken.</summary>
public sealed record FileStamp(long Length, DateTime ModifiedUtc)
{
    /// <summary>The file's size and time written as they are now; null when it does not exist.</summary>
    public static FileStamp? Of(FileInfo file) => file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc) : null;
}
