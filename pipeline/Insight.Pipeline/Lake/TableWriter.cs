using Parquet;
using Parquet.Serialization;

namespace Insight.Pipeline.Lake;

/// <summary>
/// Writes a Parquet file a row group at a time (see <see cref="ParquetLake.OpenWriter{T}"/>), so a table
/// larger than memory can be written from a stream. The file is written under a temporary name and moved
/// into place by <see cref="CompleteAsync"/>; disposed without completing, it leaves the previous version
/// as it was.
/// </summary>
public sealed class TableWriter<T> : IAsyncDisposable
    where T : class, new()
{
    private readonly string _target;
    private readonly string _temp;
    private readonly int _maxRows;
    private readonly long _maxChars;
    private readonly Func<T, int>? _sizeOf;
    private readonly Dictionary<string, string> _metadata;
    private readonly List<T> _buffer = [];
    private long _bufferChars;
    private bool _written;
    private bool _completed;

    /// <param name="target">The file's final path.</param>
    /// <param name="temp">Where it is written until complete.</param>
    /// <param name="maxRows">Most rows in a row group.</param>
    /// <param name="metadata">Custom metadata of the file.</param>
    /// <param name="maxChars">Most characters of text in a row group (as <paramref name="sizeOf"/> counts them), to bound memory for long text.</param>
    /// <param name="sizeOf">The characters of text a row holds; null to count rows only.</param>
    internal TableWriter(string target, string temp, int maxRows, Dictionary<string, string> metadata, long maxChars = long.MaxValue, Func<T, int>? sizeOf = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        _target = target;
        _temp = temp;
        _maxRows = maxRows;
        _metadata = metadata;
        _maxChars = maxChars;
        _sizeOf = sizeOf;
    }

    public async ValueTask AddAsync(T row, CancellationToken cancellationToken = default)
    {
        _buffer.Add(row);
        _bufferChars += _sizeOf?.Invoke(row) ?? 0;
        if (_buffer.Count >= _maxRows || _bufferChars >= _maxChars)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async ValueTask AddRangeAsync(IEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            await AddAsync(row, cancellationToken);
        }
    }

    /// <summary>Writes what is buffered and moves the file into place (an empty file when nothing was added).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_buffer.Count > 0 || !_written)
        {
            await FlushAsync(cancellationToken);
        }

        File.Move(_temp, _target, overwrite: true);
        _completed = true;
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
        await ParquetSerializer.SerializeAsync(
            _buffer,
            _temp,
            new ParquetOptions { RowGroupSize = Math.Max(1, _buffer.Count), CompressionMethod = CompressionMethod.Snappy, Append = _written },
            _metadata,
            cancellationToken);
        _written = true;
        _buffer.Clear();
        _bufferChars = 0;
    }
}
