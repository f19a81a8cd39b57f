namespace Insight.Pipeline.Lake;

/// <summary>
/// Writes one part file of an ingested table a row group at a time (a <see cref="TableWriter{T}"/> whose row
/// groups are bounded by text size too), so memory holds one row group, not the table. The part becomes
/// part of the table only when a manifest that lists it is committed; a part with no rows is not written.
/// </summary>
internal sealed class PartWriter<T> : IAsyncDisposable
    where T : class, new()
{
    private readonly TableWriter<T> _writer;

    /// <param name="folder">The table's folder.</param>
    /// <param name="name">The part's file name.</param>
    /// <param name="maxRows">Most rows in a row group.</param>
    /// <param name="maxChars">Most characters of text in a row group (as <paramref name="sizeOf"/> counts them), to bound memory for long transcripts.</param>
    /// <param name="sizeOf">The characters of text a row holds.</param>
    public PartWriter(string folder, string name, int maxRows, long maxChars, Func<T, int> sizeOf)
    {
        Name = name;
        FinalPath = Path.Combine(folder, name);
        _writer = new TableWriter<T>(
            FinalPath, FinalPath + ".tmp", maxRows,
            new Dictionary<string, string> { [ParquetLake.SchemaVersionKey] = ParquetLake.CurrentSchemaVersion }, maxChars, sizeOf);
    }

    public string Name { get; }

    public string FinalPath { get; }

    /// <summary>Rows added so far; the next row's ordinal in the part.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a row and returns its 0-based ordinal in the part.</summary>
    public async ValueTask<int> AddAsync(T row, CancellationToken cancellationToken)
    {
        await _writer.AddAsync(row, cancellationToken);
        return Count++;
    }

    /// <summary>Writes what is buffered and renames the file into place; null when no row was added (no file).</summary>
    public async Task<string?> CompleteAsync(CancellationToken cancellationToken)
    {
        if (Count == 0)
        {
            return null;
        }

        await _writer.CompleteAsync(cancellationToken);
        return Name;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
