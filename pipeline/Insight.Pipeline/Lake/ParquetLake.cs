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

    /// <summary>Version of the row schemas; 2 added updated_at, row_hash and turns to the ingested tables.</summary>
    public const string CurrentSchemaVersion = "2";
    private readonly LakeOptions _options;

    public ParquetLake(IOptions<LakeOptions> options)
    {
        _options = options.Value;
        Folder = Path.GetFullPath(_options.Folder);
    }

    public string Folder { get; }

    public string PathOf(string table) => Path.Combine(Folder, table + ".parquet");

    public bool Exists(string table) => File.Exists(PathOf(table)) || ReadManifest().Tables.ContainsKey(table);

    /// <summary>The folder of an ingested table's part files.</summary>
    public string TableFolder(string table) => Path.Combine(Folder, table);

    /// <summary>The state of the ingested tables; empty when nothing has been ingested.</summary>
    public IngestManifest ReadManifest() =>
        JsonFile.Read<IngestManifest>(Path.Combine(Folder, IngestManifest.FileName), System.Text.Json.JsonSerializerOptions.Default) ?? new IngestManifest();

    /// <summary>Makes a new state of the ingested tables visible, atomically (write, flush, rename).</summary>
    public void CommitManifest(IngestManifest manifest)
    {
        manifest.Version++;
        JsonFile.Write(Path.Combine(Folder, IngestManifest.FileName), manifest, ManifestJson);
    }

    /// <summary>Deletes part files and temporary files that no committed manifest lists: what a crash left behind.</summary>
    public int DeleteUncommitted(IngestManifest manifest, IEnumerable<string> tables)
    {
        int deleted = 0;
        foreach (string table in tables)
        {
            string folder = TableFolder(table);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var listed = manifest.Tables.TryGetValue(table, out var state) ? state.Parts.ToHashSet(StringComparer.Ordinal) : [];
            foreach (string file in Directory.EnumerateFiles(folder))
            {
                if (!listed.Contains(Path.GetFileName(file)))
                {
                    File.Delete(file);
                    deleted++;
                }
            }
        }

        foreach (string temp in Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, IngestManifest.FileName + ".tmp-*") : [])
        {
            File.Delete(temp);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Writes a whole table atomically, replacing any previous version; the rows are enumerated once, a row group at a time.</summary>
    public async Task WriteAsync<T>(string table, IEnumerable<T> rows, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        await using var writer = OpenWriter<T>(table, metadata);
        await writer.AddRangeAsync(rows, cancellationToken);
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>A writer that replaces the table when completed, holding one row group in memory at a time.</summary>
    public TableWriter<T> OpenWriter<T>(string table, IReadOnlyDictionary<string, string>? metadata = null)
        where T : class, new() =>
        new(PathOf(table), PathOf(table) + ".tmp-" + Guid.NewGuid().ToString("N"), _options.RowGroupSize,
            new Dictionary<string, string>(metadata ?? new Dictionary<string, string>()) { [SchemaVersionKey] = CurrentSchemaVersion });

    /// <summary>Streams a table's rows, one row group in memory at a time.</summary>
    public IAsyncEnumerable<T> ReadAsync<T>(string table, CancellationToken cancellationToken = default)
        where T : class, new() => RowsOf(ReadRowGroupsAsync<T>(table, cancellationToken), cancellationToken);

    /// <summary>
    /// Streams a table's row groups, one in memory at a time, each with where it is (to read other columns of
    /// the same rows with <see cref="ReadRowGroupAsync{T}"/>). <typeparamref name="T"/> may name only some of
    /// the table's columns: only those are read.
    /// </summary>
    public async IAsyncEnumerable<LakeRowGroup<T>> ReadRowGroupsAsync<T>(string table, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, new()
    {
        var files = PartsOf(table);
        if (files is null)
        {
            string path = PathOf(table);
            if (!File.Exists(path) && LakeTables.Ingested.Contains(table))
            {
                // An ingested table whose source is not configured (or has had no rows yet) is empty.
                yield break;
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Lake table '{table}' does not exist at '{path}'; run the stage that writes it first.", path);
            }

            files = [path];
        }

        foreach (string file in files)
        {
            await foreach (var group in ReadFileRowGroupsAsync<T>(file, cancellationToken))
            {
                yield return group;
            }
        }
    }

    /// <summary>The Parquet files a table is stored in: the parts the ingest manifest lists, or the table's one file (which may not exist yet).</summary>
    public IReadOnlyList<string> FilesOf(string table) => PartsOf(table) ?? [PathOf(table)];

    /// <summary>The paths of the parts the ingest manifest lists for <paramref name="table"/>; null when it lists none (a table of one file).</summary>
    private List<string>? PartsOf(string table) =>
        ReadManifest().Tables.TryGetValue(table, out var state) ? [.. state.Parts.Select(part => Path.Combine(TableFolder(table), part))] : null;

    /// <summary>Streams the rows of one Parquet file, one row group in memory at a time.</summary>
    public static IAsyncEnumerable<T> ReadFileAsync<T>(string path, CancellationToken cancellationToken = default)
        where T : class, new() => RowsOf(ReadFileRowGroupsAsync<T>(path, cancellationToken), cancellationToken);

    /// <summary>The rows of row groups, in order.</summary>
    private static async IAsyncEnumerable<T> RowsOf<T>(IAsyncEnumerable<LakeRowGroup<T>> groups, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var group in groups.WithCancellation(cancellationToken))
        {
            foreach (var row in group.Rows)
            {
                yield return row;
            }
        }
    }

    /// <summary>One row group of a file <see cref="ReadRowGroupsAsync{T}"/> gave, as <typeparamref name="T"/> (which may name other columns).</summary>
    public static async Task<IList<T>> ReadRowGroupAsync<T>(string path, int index, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        await using var stream = File.OpenRead(path);
        return (await ParquetSerializer.DeserializeAsync<T>(stream, ReadOptions, index, cancellationToken)).Data;
    }

    /// <summary>The row groups of one Parquet file, one in memory at a time.</summary>
    private static async IAsyncEnumerable<LakeRowGroup<T>> ReadFileRowGroupsAsync<T>(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, new()
    {
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
            yield return new LakeRowGroup<T>(path, i, result.Data);
        }
    }

    /// <summary>Reads a whole table into a list (for tables that fit in memory by design).</summary>
    public Task<List<T>> ReadAllAsync<T>(string table, CancellationToken cancellationToken = default)
        where T : class, new() => ReadWhereAsync<T>(table, _ => true, cancellationToken);

    /// <summary>The rows of a table that <paramref name="keep"/> accepts, read a row group at a time: only those are held.</summary>
    public async Task<List<T>> ReadWhereAsync<T>(string table, Func<T, bool> keep, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        var rows = new List<T>();
        await foreach (var row in ReadAsync<T>(table, cancellationToken))
        {
            if (keep(row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>The custom metadata stored with a table.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadMetadataAsync(string table, CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(PathOf(table), cancellationToken: cancellationToken);
        return reader.CustomMetadata;
    }

    /// <summary>
    /// Writes <paramref name="target"/> from tables each sorted by <paramref name="key"/> (ordinal), as one
    /// table in that order: a merge that holds one row group per input in memory, whatever the sizes.
    /// </summary>
    public async Task MergeAsync<T>(IReadOnlyList<string> tables, string target, Func<T, string> key, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        var inputs = tables.Select(t => ReadAsync<T>(t, cancellationToken).GetAsyncEnumerator(cancellationToken)).ToList();
        try
        {
            // Ties go to the earlier input, so equal keys keep the inputs' order.
            var next = new PriorityQueue<int, (string Key, int Input)>(Comparer<(string Key, int Input)>.Create((a, b) =>
            {
                int byKey = string.CompareOrdinal(a.Key, b.Key);
                return byKey != 0 ? byKey : a.Input.CompareTo(b.Input);
            }));
            for (int i = 0; i < inputs.Count; i++)
            {
                if (await inputs[i].MoveNextAsync())
                {
                    next.Enqueue(i, (key(inputs[i].Current), i));
                }
            }

            await using var writer = OpenWriter<T>(target, metadata);
            while (next.TryDequeue(out int input, out _))
            {
                await writer.AddAsync(inputs[input].Current, cancellationToken);
                if (await inputs[input].MoveNextAsync())
                {
                    next.Enqueue(input, (key(inputs[input].Current), input));
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }
        finally
        {
            foreach (var input in inputs)
            {
                await input.DisposeAsync();
            }
        }
    }

    private static ParquetOptions ReadOptions => new() { PropertyNameCaseInsensitive = true };

    private static readonly System.Text.Json.JsonSerializerOptions ManifestJson = new() { WriteIndented = true };
}
