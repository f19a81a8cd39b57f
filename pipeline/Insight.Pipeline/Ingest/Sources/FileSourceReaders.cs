using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Parquet.Serialization;

namespace Insight.Pipeline.Ingest;

/// <summary>Opens a file of a source in its format, after checking it is readable text (or Parquet).</summary>
internal static class FileSourceReaders
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";
    public const string Json = "json";
    public const string Parquet = "parquet";
    public const string Postgres = "postgres";

    public static readonly string[] Formats = [Csv, JsonLines, Json, Parquet, Postgres];

    static FileSourceReaders() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The format named in the options, or the one a file's extension implies.</summary>
    public static string FormatOf(SourceOptions options, string path)
    {
        if (!string.IsNullOrWhiteSpace(options.Format))
        {
            return options.Format.Trim().ToLowerInvariant();
        }

        return System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => JsonLines,
            ".json" => Json,
            ".parquet" => Parquet,
            _ => Csv,
        };
    }

    /// <summary>File extensions a folder is listed for, per format.</summary>
    public static string[] ExtensionsOf(string format) => format switch
    {
        JsonLines => [".jsonl", ".ndjson"],
        Json => [".json"],
        Parquet => [".parquet"],
        _ => [".csv", ".tsv", ".txt"],
    };

    public static Encoding EncodingOf(string name)
    {
        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException($"'{name}' is not a known text encoding");
        }
    }

    /// <summary>Opens a file; throws <see cref="InvalidDataException"/> naming what is wrong when it cannot be read at all.</summary>
    public static ISourceReader Open(string path, string format, SourceOptions options)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InvalidDataException("the file does not exist");
        }

        if (info.Length == 0)
        {
            throw new InvalidDataException("the file is empty");
        }

        var encoding = EncodingOf(options.Csv.Encoding);
        if (format != Parquet && LooksBinary(path, encoding))
        {
            throw new InvalidDataException($"the file is not {format.ToUpperInvariant()} text: it holds binary data (NUL bytes near the start)");
        }

        return format switch
        {
            Csv => CsvSourceReader.Open(path, options.Csv, encoding),
            JsonLines => new JsonLinesSourceReader(path, encoding),
            Json => new JsonArraySourceReader(path),
            Parquet => new ParquetSourceReader(path),
            _ => throw new InvalidDataException($"format '{format}' is not one of {string.Join(", ", Formats)}"),
        };
    }

    private static bool LooksBinary(string path, Encoding encoding)
    {
        if (encoding is UnicodeEncoding or UTF32Encoding)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[4096];
        using var stream = File.OpenRead(path);
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        bool utf16Bom = read >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
        return !utf16Bom && head[..read].Contains((byte)0);
    }
}

/// <summary>CSV and other delimited or fixed-width text, read by CsvHelper.</summary>
internal sealed class CsvSourceReader : ISourceReader, ISourceRow
{
    private readonly CsvReader _reader;
    private readonly Dictionary<string, int> _columns;
    private readonly char _separator;

    private CsvSourceReader(CsvReader reader, string[] names, char separator)
    {
        _reader = reader;
        _separator = separator;
        Columns = names;
        _columns = names.Select((name, index) => (name, index))
            .GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().index, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<string>? Columns { get; }

    public long Number => _reader.RowNumber;

    public string? Error => null;

    public static CsvSourceReader Open(string path, CsvSourceOptions options, Encoding encoding)
    {
        var mode = options.Mode.Trim().ToLowerInvariant() switch
        {
            "rfc4180" or "" => CsvMode.Rfc4180,
            "no-escape" => CsvMode.NoEscape,
            "escape" => CsvMode.Escape,
            "fixed-width" => CsvMode.FixedWidth,
            var other => throw new InvalidDataException($"CSV mode '{other}' is not rfc4180, no-escape, escape or fixed-width"),
        };
        char separator = SeparatorOf(options.Delimiter);
        var csvOptions = CsvReaderOptions.Default with
        {
            Separator = mode == CsvMode.FixedWidth ? null : separator,
            Quote = options.Quote.Length == 1 ? options.Quote[0] : '"',
            Mode = mode,
            FieldWidths = mode == CsvMode.FixedWidth ? options.FieldWidths : null,
            Encoding = encoding,
            HasHeader = options.HasHeader,
            TrimWhitespace = options.Trim,
            IncludeValuesInExceptions = false,
        };
        var reader = CsvReader.FromFile(path, csvOptions);
        try
        {
            reader.ReadHeader();
            string[] names = options.Names.Length > 0
                ? options.Names
                : options.HasHeader ? reader.Headers.Select(h => h.Trim()).ToArray() : [];
            return new CsvSourceReader(reader, names, separator);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public static char SeparatorOf(string delimiter) => delimiter switch
    {
        "\t" or "\\t" or "tab" => '\t',
        { Length: 1 } => delimiter[0],
        _ => throw new InvalidDataException($"the delimiter '{delimiter}' is not one character"),
    };

    public async IAsyncEnumerable<ISourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _reader.ReadAsync(cancellationToken))
        {
            yield return this;
        }
    }

    public string? Get(string path)
    {
        if (!_columns.TryGetValue(path, out int index) && !TryPosition(path, out index))
        {
            return null;
        }

        if (index >= _reader.FieldCount)
        {
            return null;
        }

        string value = _reader.GetString(index);
        return value.Length == 0 ? null : value;
    }

    public JsonElement? GetJson(string path) => Get(path) is { } text ? JsonDocument.Parse(text).RootElement.Clone() : null;

    public string Raw() => Encoding.UTF8.GetString(_reader.RawRecord);

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Without a header, columns are named by their 1-based position.</summary>
    private bool TryPosition(string path, out int index)
    {
        index = -1;
        return _columns.Count == 0 && int.TryParse(path, out int position) && position >= 1 && (index = position - 1) >= 0;
    }
}

/// <summary>A JSON Lines file: one JSON object per line. A line that is not JSON is a bad row, not a bad file.</summary>
internal sealed class JsonLinesSourceReader(string path, Encoding encoding) : ISourceReader
{
    public IReadOnlyList<string>? Columns => null;

    public async IAsyncEnumerable<ISourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonDocument? document = null;
            string? error = null;
            try
            {
                document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error = $"line is JSON {document.RootElement.ValueKind}, not an object";
                }
            }
            catch (JsonException e)
            {
                error = $"line is not valid JSON ({e.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.')})";
            }

            using (document)
            {
                yield return new JsonSourceRow(line, document?.RootElement, text, error);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A JSON file holding one array of records, streamed element by element.</summary>
internal sealed class JsonArraySourceReader(string path) : ISourceReader
{
    public IReadOnlyList<string>? Columns => null;

    public async IAsyncEnumerable<ISourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        long number = 0;
        await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken))
        {
            number++;
            yield return new JsonSourceRow(number, element, null,
                element.ValueKind == JsonValueKind.Object ? null : $"element is JSON {element.ValueKind}, not an object");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A JSON record (a line or an array element).</summary>
internal sealed class JsonSourceRow(long number, JsonElement? root, string? raw, string? error) : ISourceRow, IBadRow
{
    public long Number => number;

    public string? Error => error;

    public string? Get(string path) => Find(path) is { } value ? JsonPaths.Text(value) : null;

    public JsonElement? GetJson(string path) => Find(path);

    public string Raw() => raw ?? root?.GetRawText() ?? "";

    private JsonElement? Find(string path) =>
        root is { ValueKind: JsonValueKind.Object } r && JsonPaths.TryWalk(r, path, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;
}

/// <summary>A row that could not be parsed at all; mapping quarantines it with <see cref="Error"/>.</summary>
internal interface IBadRow
{
    string? Error { get; }
}

/// <summary>A Parquet file, read a row group at a time (untyped: any flat or nested schema).</summary>
internal sealed class ParquetSourceReader(string path) : ISourceReader
{
    public IReadOnlyList<string>? Columns { get; private set; }

    public async IAsyncEnumerable<ISourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        int rowGroups;
        try
        {
            await using var reader = await global::Parquet.ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken);
            rowGroups = reader.RowGroupCount;
            Columns = reader.Schema.Fields.Select(f => f.Name).ToArray();
        }
        catch (Exception e) when (e is IOException or global::Parquet.ParquetException or InvalidOperationException)
        {
            throw new InvalidDataException($"the file is not Parquet ({e.Message})");
        }

        long number = 0;
        for (int i = 0; i < rowGroups; i++)
        {
            stream.Position = 0;
            var group = await ParquetSerializer.DeserializeUntypedAsync(stream, null, i, cancellationToken);
            foreach (var row in group.Data)
            {
                yield return new ParquetSourceRow(++number, row!);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A row of a Parquet file or a PostgreSQL query: values by column, dotted paths into nested values.</summary>
internal sealed class ParquetSourceRow(long number, IDictionary<string, object> values) : ISourceRow
{
    public long Number => number;

    public string? Get(string path) => Find(path, out var value) ? JsonPaths.Text(value) : null;

    public JsonElement? GetJson(string path)
    {
        if (!Find(path, out var value) || value is null)
        {
            return null;
        }

        return value is string text ? JsonDocument.Parse(text).RootElement.Clone() : JsonSerializer.SerializeToElement(value);
    }

    public string Raw() => JsonSerializer.Serialize(values.ToDictionary(kv => kv.Key, kv => JsonPaths.Text(kv.Value)));

    private bool Find(string path, out object? value)
    {
        if (values.TryGetValue(path, out value) || TryCaseInsensitive(values, path, out value))
        {
            return value is not null;
        }

        var parts = path.Split('.');
        object? current = values;
        foreach (var part in parts)
        {
            current = current switch
            {
                IDictionary<string, object> d when d.TryGetValue(part, out var child) => child,
                System.Collections.IList list when int.TryParse(part, out int i) && i < list.Count => list[i],
                _ => null,
            };
            if (current is null)
            {
                value = null;
                return false;
            }
        }

        value = current;
        return true;
    }

    private static bool TryCaseInsensitive(IDictionary<string, object> values, string name, out object? value)
    {
        foreach (var (key, v) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        value = null;
        return false;
    }
}
