using System.Globalization;
using CsvHelper;
using Insight.Pipeline.Taxonomy;

namespace Insight.Pipeline.Rank;

/// <summary>A fix already made upstream: which root cause, from when, and what was done.</summary>
/// <param name="RootCause">The root cause the fix addressed.</param>
/// <param name="FixedAt">When the fix went live (UTC).</param>
/// <param name="Note">What was done.</param>
public sealed record FixMade(string RootCause, DateTime FixedAt, string Note)
{
    /// <summary>
    /// Reads the fixes file: a CSV with a header and the columns <c>root_cause</c>, <c>fixed_at</c> (a date or
    /// an ISO 8601 time, UTC) and optionally <c>note</c>. A bad row stops the read with the file, row and field.
    /// </summary>
    public static List<FixMade> Read(string path, RootCauseTaxonomy taxonomy)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The fixes file {path} (Ranking:FixesFile) does not exist.", path);
        }

        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',', TrimWhitespace = true });
        reader.ReadHeader();
        int rootCauseColumn = Column(reader, path, "root_cause");
        int fixedAtColumn = Column(reader, path, "fixed_at");
        int noteColumn = IndexOf(reader, "note");
        var fixes = new List<FixMade>();
        int row = 1;
        while (reader.Read())
        {
            row++;
            string rootCause = reader.GetString(rootCauseColumn);
            if (!taxonomy.Contains(rootCause))
            {
                throw new InvalidDataException($"{path}, row {row}, field root_cause: '{rootCause}' is not a root cause of taxonomy {taxonomy.Version}.");
            }

            string fixedAtText = reader.GetString(fixedAtColumn);
            if (!DateTime.TryParse(fixedAtText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var fixedAt))
            {
                throw new InvalidDataException($"{path}, row {row}, field fixed_at: '{fixedAtText}' is not a date (use 2025-03-01 or 2025-03-01T09:00:00Z).");
            }

            fixes.Add(new FixMade(rootCause, DateTime.SpecifyKind(fixedAt, DateTimeKind.Utc), noteColumn >= 0 ? reader.GetString(noteColumn) : ""));
        }

        return fixes;
    }

    private static int IndexOf(CsvReader reader, string name) =>
        reader.Headers.Select((h, i) => (h, i)).Where(p => p.h.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p.i).DefaultIfEmpty(-1).First();

    private static int Column(CsvReader reader, string path, string name)
    {
        int index = IndexOf(reader, name);
        return index >= 0
            ? index
            : throw new InvalidDataException($"{path}, row 1: no '{name}' column (the columns are root_cause, fixed_at and optionally note).");
    }
}
