using CsvHelper;

namespace Insight.Pipeline.Tests.Builders;

/// <summary>Reads a small CSV file into dictionaries keyed by column name.</summary>
internal static class Csv
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.Select((h, i) => (h, v: reader.GetString(i))).ToDictionary(p => p.h, p => p.v));
        }

        return rows;
    }
}
