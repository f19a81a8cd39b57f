using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using CsvHelper;
using Parquet;
using Parquet.Serialization;

namespace Insight.Pipeline.Lake;

/// <summary>
/// Writes an output list as CSV (for people and spreadsheets) and Parquet (for tools), with the same
/// column names, each to a temporary file moved into place when complete.
/// </summary>
public static class OutputWriter
{
    /// <summary>Writes <c>{name}.csv</c> and <c>{name}.parquet</c> into <paramref name="folder"/>; returns the two paths.</summary>
    public static async Task<(string Csv, string Parquet)> WriteAsync<T>(string folder, string name, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, name + ".csv");
        string parquet = Path.Combine(folder, name + ".parquet");
        WriteCsv(csv, rows);
        await AtomicAsync(parquet, temp => ParquetSerializer.SerializeAsync(rows, temp, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: cancellationToken));
        return (csv, parquet);
    }

    /// <summary>Writes rows as CSV with the columns named by their <see cref="JsonPropertyNameAttribute"/>.</summary>
    public static void WriteCsv<T>(string path, IEnumerable<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var header = properties.Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temp = path + ".tmp";
        using (var csv = CsvWriter.ToFile(temp, CsvWriterOptions.Default with { NewLine = "\n" }))
        {
            csv.WriteRecord(header);
            foreach (var row in rows)
            {
                csv.WriteRecord(properties.Select(p => Format(p.GetValue(row))).ToArray());
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Writes a text file atomically: to a temporary file first, moved into place when complete.</summary>
    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        AtomicAsync(path, temp => File.WriteAllTextAsync(temp, text, cancellationToken));

    private static async Task AtomicAsync(string path, Func<string, Task> write)
    {
        string temp = path + ".tmp";
        await write(temp);
        File.Move(temp, path, overwrite: true);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        float f => f.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
