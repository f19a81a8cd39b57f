using System.Globalization;
using CsvHelper;

namespace Insight.Pipeline.Ingest;

/// <summary>Typed, validating access to the fields of the current CSV row, by column name.</summary>
internal sealed class CsvRowView(CsvReader reader, IReadOnlyDictionary<string, int> columns)
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>1-based number of the current data row.</summary>
    public long RowNumber => reader.RowNumber;

    public bool Has(string column) => columns.ContainsKey(column);

    public string? Optional(string column)
    {
        if (!columns.TryGetValue(column, out int index) || index >= reader.FieldCount)
        {
            return null;
        }

        string value = reader.GetString(index);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public string Required(string column) => Optional(column) ?? throw new RowException(column, "is empty");

    public DateTime RequiredTime(string column) => ParseTime(column, Required(column));

    public DateTime? OptionalTime(string column) => Optional(column) is { } value ? ParseTime(column, value) : null;

    public double RequiredNonNegative(string column)
    {
        string value = Required(column);
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            throw new RowException(column, $"'{value}' is not a number");
        }

        return number >= 0 ? number : throw new RowException(column, $"{value} is negative");
    }

    public int? OptionalInt(string column)
    {
        string? value = Optional(column);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= 0
            ? number
            : throw new RowException(column, $"'{value}' is not a non-negative whole number");
    }

    /// <summary>The raw fields of the row, joined with the separator, for the quarantine.</summary>
    public string Raw()
    {
        var fields = new string[reader.FieldCount];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = reader.GetString(i);
        }

        return string.Join(',', fields);
    }

    private static DateTime ParseTime(string column, string value)
    {
        if (DateTime.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return DateTime.SpecifyKind(time, DateTimeKind.Utc);
        }

        throw new RowException(column, $"'{value}' is not a time (expected ISO 8601, e.g. 2025-03-01T14:05:00Z)");
    }
}
