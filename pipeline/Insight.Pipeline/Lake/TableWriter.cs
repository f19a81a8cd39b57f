using Parquet;
using Parquet.Serialization;

namespace Insight.Pipeline.Lake;

/// <summary>
/// Writes a whole lake table a row group at a time (see <see cref="ParquetLake.OpenWriter{T}"/>), so a
/// table larger than memory can be written from a stream. The file is written under a temporary name
/// and moved into place by <see cref="CompleteAsync"/>; disposed without completing, it leaves the
/// previous version of the table as it was.
/// </summary>
public sealed class TableWriter<T> : IAsyncDisposable
    where T : class, new()
{
    private readonly string _target;
    private readonly string _temp;
    private readonly int _rowGroupSize;
    private readonly Dictionary<string, string> _metadata;
    private readonly List<T> _buffer = [];
    private bool _written;
    private bool _completed;

    internal TableWriter(string target, int rowGroupSize, Dictionary<string, string> metadata)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        _target = target;
        _temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        _rowGroupSize = rowGroupSize;
        _metadata = metadata;
    }

    /// <summary>Rows added so far.</summary>
    public long Count { get; private set; }

    public async ValueTask AddAsync(T row, CancellationToken cancellationToken = default)
    {
        _buffer.Add(row);
        Count++;
        if (_buffer.Count >= _rowGroupSize)
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

    /// <summary>Writes what is buffered and moves the table into place (an empty table when nothing was added).</summary>
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
    }
}
