using System.Globalization;
using System.Text.Json;

namespace Insight.Pipeline.Ingest;

/// <summary>One record of a source before it is mapped: values by column name or dotted JSON path.</summary>
public interface ISourceRow
{
    /// <summary>1-based number of the record in its input: the data row of a CSV (header excluded), the line of a JSON Lines file, the element of a JSON array, the row of a Parquet file or query.</summary>
    long Number { get; }

    /// <summary>The value as text: strings as they are, numbers and booleans as written, objects and arrays as JSON; null when absent or null.</summary>
    string? Get(string path);

    /// <summary>The value as JSON (for arrays of turns); null when absent. Text that is not JSON throws <see cref="JsonException"/>.</summary>
    JsonElement? GetJson(string path);

    /// <summary>The whole record as read, for the quarantine.</summary>
    string Raw();
}

/// <summary>Reads one input (a file or a query) as rows.</summary>
public interface ISourceReader : IAsyncDisposable
{
    /// <summary>The columns of the input when it has a fixed set (CSV, Parquet, PostgreSQL); null for JSON, whose records each have their own.</summary>
    IReadOnlyList<string>? Columns { get; }

    /// <summary>The rows in input order. The same row object may be reused for the next row.</summary>
    IAsyncEnumerable<ISourceRow> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Paths into JSON values: <c>a.b.0.c</c> walks properties and array indexes.</summary>
internal static class JsonPaths
{
    public static bool TryWalk(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        foreach (var segment in path.Split('.'))
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(segment, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>A CLR value from Parquet or PostgreSQL as text, times in ISO 8601.</summary>
    public static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        DateTime t => t.Kind == DateTimeKind.Utc ? t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f when value is not System.Collections.IEnumerable => f.ToString(null, CultureInfo.InvariantCulture),
        _ when value is System.Collections.IEnumerable and not string => JsonSerializer.Serialize(value),
        _ => value.ToString(),
    };
}
