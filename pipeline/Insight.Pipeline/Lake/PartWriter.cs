using Parquet;
using Parquet.Serialization;

namespace Insight.Pipeline.Lake;

/// <summary>
/// Writes one part file of an ingested table a row group at a time, so memory holds one row group,
/// not the table. The file is written under a temporary name and renamed when complete; it becomes
/// part of the table only when a manifest that lists it is committed.
/// </summary>
internal sealed class PartWriter<T> : IAsyncDisposable
    where T : class, new()
{
    private readonly string _temp;
    private readonly int _maxRows;
    private readonly long _maxChars;
    private readonly Func<T, int> _sizeOf;
    private readonly List<T> _buffer = [];
    private long _bufferChars;
    private bool _written;
    private bool _completed;

    /// <param name="folder">The table's folder.</param>
    /// <param name="name">The part's file name.</param>
    /// <param name="maxRows">Most rows in a row group.</param>
    /// <param name="maxChars">Most characters of text in a row group (as <paramref name="sizeOf"/> counts them), to bound memory for long transcripts.</param>
    /// <param name="sizeOf">The characters of text a row holds.</param>
    public PartWriter(string folder, string name, int maxRows, long maxChars, Func<T, int> sizeOf)
    {
        Directory.CreateDirectory(folder);
        Name = name;
        FinalPath = Path.Combine(folder, name);
        _temp = FinalPath + ".tmp";
        _maxRows = maxRows;
        _maxChars = maxChars;
        _sizeOf = sizeOf;
    }

    public string Name { get; }

    public string FinalPath { get; }

    /// <summary>Rows added so far; the next row's ordinal in the part.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a row and returns its 0-based ordinal in the part.</summary>
    public async ValueTask<int> AddAsync(T row, CancellationToken cancellationToken)
    {
        _buffer.Add(row);
        _bufferChars += _sizeOf(row);
        if (_buffer.Count >= _maxRows || _bufferChars >= _maxChars)
        {
            await FlushAsync(cancellationToken);
        }

        return Count++;
    }

    /// <summary>Writes what is buffered and renames the file into place; null when no row was added (no file).</summary>
    public async Task<string?> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        _completed = true;
        if (!_written)
        {
            return null;
        }

        File.Move(_temp, FinalPath, overwrite: true);
        return Name;
    }

    public ValueTask DisposeAsync()
    {
        if (!_completed && File.Exists(_temp))
        {
            File.Delete(_temp);
        }

        return ValueTask.CompletedTask;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        await ParquetSerializer.SerializeAsync(
            _buffer,
            _temp,
            new ParquetOptions { RowGroupSize = _buffer.Count, CompressionMethod = CompressionMethod.Snappy, Append = _written },
            new Dictionary<string, string> { [ParquetLake.SchemaVersionKey] = ParquetLake.CurrentSchemaVersion },
            cancellationToken);
        _written = true;
        _buffer.Clear();
        _bufferChars = 0;
    }
}
