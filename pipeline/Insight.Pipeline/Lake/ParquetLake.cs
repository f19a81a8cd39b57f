using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Parquet;
using Parquet.Serialization;

namespace Insight.Pipeline.Lake;

/// <summary>
/// The lake: one Parquet file per table in a local folder. Writes go to a temporary file that is moved
/// into place only when complete, so a crash never leaves a half-written table; reads stream one row
/// group at a time.
/// </summary>
public sealed class ParquetLake
{
    /// <summary>Metadata key written into every table: the version of the row schema.</summary>
    public const string SchemaVersionKey = "insight.schema_version";

    private const string SchemaVersion = "1";
    private readonly LakeOptions _options;

    public ParquetLake(IOptions<LakeOptions> options)
    {
        _options = options.Value;
        Folder = Path.GetFullPath(_options.Folder);
    }

    public string Folder { get; }

    public string PathOf(string table) => Path.Combine(Folder, table + ".parquet");

    public bool Exists(string table) => File.Exists(PathOf(table));

    /// <summary>Writes a whole table atomically, replacing any previous version.</summary>
    public async Task WriteAsync<T>(string table, IEnumerable<T> rows, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        Directory.CreateDirectory(Folder);
        string target = PathOf(table);
        string temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        var allMetadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { [SchemaVersionKey] = SchemaVersion };
        try
        {
            await ParquetSerializer.SerializeAsync(
                rows,
                temp,
                new ParquetOptions { RowGroupSize = _options.RowGroupSize, CompressionMethod = CompressionMethod.Snappy },
                allMetadata,
                cancellationToken);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Streams a table's rows, one row group in memory at a time.</summary>
    public async IAsyncEnumerable<T> ReadAsync<T>(string table, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, new()
    {
        string path = PathOf(table);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Lake table '{table}' does not exist at '{path}'; run the stage that writes it first.", path);
        }

        await using var stream = File.OpenRead(path);
        int rowGroups;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken))
        {
            rowGroups = reader.RowGroupCount;
        }

        for (int i = 0; i < rowGroups; i++)
        {
            stream.Position = 0;
            var result = await ParquetSerializer.DeserializeAsync<T>(stream, ReadOptions, i, cancellationToken);
            foreach (var row in result.Data)
            {
                yield return row;
            }
        }
    }

    /// <summary>Reads a whole table into a list (for tables that fit in memory by design).</summary>
    public async Task<List<T>> ReadAllAsync<T>(string table, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        var rows = new List<T>();
        await foreach (var row in ReadAsync<T>(table, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The custom metadata stored with a table.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadMetadataAsync(string table, CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(PathOf(table), cancellationToken: cancellationToken);
        return reader.CustomMetadata;
    }

    private static ParquetOptions ReadOptions => new() { PropertyNameCaseInsensitive = true };
}
