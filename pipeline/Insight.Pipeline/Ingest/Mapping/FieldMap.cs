using System.Globalization;
using System.Text;

namespace Insight.Pipeline.Ingest;

/// <summary>An Insight field of a source: its config key, the column it is read from when not mapped, and whether it is required.</summary>
public sealed record SourceField(string Name, string Column, bool Required, bool IsTime = false);

/// <summary>
/// Reads Insight's fields from a source row through the source's column map, defaults, value maps,
/// time formats and time zone. A value that fails throws <see cref="RowException"/> naming the field
/// and, when it differs, the source column.
/// </summary>
public sealed class FieldMap
{
    private static readonly string[] IsoLocal =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    private static readonly string[] IsoWithOffset =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzz",
    ];

    private readonly Dictionary<string, Getter> _getters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SourceField> _fields;
    private readonly Dictionary<string, Dictionary<string, string>> _values;
    private readonly Dictionary<string, string> _defaults;
    private readonly (string Format, bool HasOffset)[] _timeFormats;
    private readonly TimeZoneInfo _zone;
    private readonly int _maxIdLength;

    public FieldMap(IEnumerable<SourceField> fields, SourceOptions options, int maxIdLength)
    {
        _fields = fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var key in options.Fields.Keys.Concat(options.Defaults.Keys).Concat(options.Values.Keys))
        {
            if (!_fields.ContainsKey(key))
            {
                throw new InvalidDataException($"'{key}' is not a field of this source (the fields are {string.Join(", ", _fields.Keys)})");
            }
        }

        foreach (var field in _fields.Values)
        {
            _getters[field.Name] = Getter.Parse(options.Fields.TryGetValue(field.Name, out var mapped) && !string.IsNullOrWhiteSpace(mapped) ? mapped.Trim() : field.Column);
        }

        _defaults = new Dictionary<string, string>(options.Defaults, StringComparer.OrdinalIgnoreCase);
        _values = options.Values.ToDictionary(
            kv => kv.Key,
            kv => new Dictionary<string, string>(kv.Value, StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
        _timeFormats = options.TimeFormats
            .Concat(IsoWithOffset).Concat(IsoLocal)
            .Select(f => (f, HasOffset(f)))
            .ToArray();
        _zone = ZoneOf(options.TimeZone);
        _maxIdLength = maxIdLength;
        foreach (var (field, value) in _defaults.Where(d => _fields[d.Key].IsTime))
        {
            _ = ParseTime(field, value);
        }
    }

    /// <summary>Columns that must exist in an input with a fixed set of columns: those behind required fields without a default.</summary>
    public IEnumerable<(string Field, string Column)> RequiredColumns(IEnumerable<string>? skip = null)
    {
        var skipped = new HashSet<string>(skip ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var field in _fields.Values.Where(f => f.Required && !_defaults.ContainsKey(f.Name) && !skipped.Contains(f.Name)))
        {
            foreach (var column in _getters[field.Name].Columns)
            {
                yield return (field.Name, column);
            }
        }
    }

    /// <summary>The value of a field (mapped, defaulted, value-mapped, trimmed), or null.</summary>
    public string? Optional(ISourceRow row, string field, string fileName)
    {
        string? value = _getters[field].Read(row, fileName)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            value = _defaults.TryGetValue(field, out var fallback) ? fallback : null;
        }

        if (value is not null && _values.TryGetValue(field, out var map) && map.TryGetValue(value, out var mappedValue))
        {
            value = mappedValue;
        }

        return value;
    }

    public string Required(ISourceRow row, string field, string fileName) =>
        Optional(row, field, fileName) ?? throw Fail(field, "is empty");

    /// <summary>A required id or code, within the length limit.</summary>
    public string RequiredId(ISourceRow row, string field, string fileName) => CheckLength(field, Required(row, field, fileName));

    public string? OptionalId(ISourceRow row, string field, string fileName) =>
        Optional(row, field, fileName) is { } value ? CheckLength(field, value) : null;

    public DateTime RequiredTime(ISourceRow row, string field, string fileName) => ParseTime(field, Required(row, field, fileName));

    public DateTime? OptionalTime(ISourceRow row, string field, string fileName) =>
        Optional(row, field, fileName) is { } value ? ParseTime(field, value) : null;

    public double RequiredNonNegative(ISourceRow row, string field, string fileName)
    {
        string value = Required(row, field, fileName);
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            throw Fail(field, $"'{Transcripts.Truncate(value)}' is not a number");
        }

        return number >= 0 ? number : throw Fail(field, $"{value} is negative");
    }

    /// <summary>A yes/no field: yes, y, true, 1 or no, n, false, 0 (any case); null when empty.</summary>
    public bool? OptionalFlag(ISourceRow row, string field, string fileName) =>
        Optional(row, field, fileName)?.ToLowerInvariant() switch
        {
            null => null,
            "yes" or "y" or "true" or "1" => true,
            "no" or "n" or "false" or "0" => false,
            { } value => throw Fail(field, $"'{Transcripts.Truncate(value)}' is not yes/no (yes, y, true, 1, no, n, false or 0)"),
        };

    public int? OptionalNonNegativeInt(ISourceRow row, string field, string fileName)
    {
        string? value = Optional(row, field, fileName);
        if (value is null)
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && number >= 0 && number <= int.MaxValue && number == Math.Floor(number)
            ? (int)number
            : throw Fail(field, $"'{Transcripts.Truncate(value)}' is not a non-negative whole number");
    }

    /// <summary>A failure of a field, named as Insight's column and the source's when they differ.</summary>
    public RowException Fail(string field, string reason) => new(Label(field), reason);

    /// <summary>Where a field is read from: its column, path or template.</summary>
    public string SourceOf(string field) => _getters[field].Text;

    public string Label(string field)
    {
        string column = _fields[field].Column;
        string source = _getters[field].Text;
        return string.Equals(source, column, StringComparison.OrdinalIgnoreCase) ? column : $"{column} (source '{source}')";
    }

    public DateTime ParseTime(string field, string value)
    {
        foreach (var (format, hasOffset) in _timeFormats)
        {
            if (format == "unix-seconds" || format == "unix-milliseconds")
            {
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long epoch))
                {
                    var instant = format == "unix-seconds" ? DateTimeOffset.FromUnixTimeSeconds(epoch) : DateTimeOffset.FromUnixTimeMilliseconds(epoch);
                    return instant.UtcDateTime;
                }
            }
            else if (hasOffset)
            {
                if (DateTimeOffset.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withOffset))
                {
                    return withOffset.UtcDateTime;
                }
            }
            else if (DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
            {
                if (_zone == TimeZoneInfo.Utc)
                {
                    return DateTime.SpecifyKind(local, DateTimeKind.Utc);
                }

                if (_zone.IsInvalidTime(local))
                {
                    throw Fail(field, $"'{value}' does not exist in time zone {_zone.Id} (skipped by a clock change)");
                }

                return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);
            }
        }

        throw Fail(field, $"'{Transcripts.Truncate(value)}' is not a time in the formats {string.Join(", ", _timeFormats.Take(_timeFormats.Length - IsoLocal.Length - IsoWithOffset.Length).Select(f => f.Format).DefaultIfEmpty("ISO 8601 (e.g. 2025-03-01T14:05:00Z)"))}");
    }

    public static TimeZoneInfo ZoneOf(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidDataException($"'{id}' is not a known time zone (use an IANA name such as Europe/Berlin)");
        }
    }

    private string CheckLength(string field, string value) =>
        value.Length <= _maxIdLength ? value : throw Fail(field, $"is {value.Length} characters, over the limit of {_maxIdLength}");

    private static bool HasOffset(string format) => format.Contains('z') || format.Contains('K') || format.Contains("'Z'", StringComparison.Ordinal);

    /// <summary>Where a field's value is: a column or path, or a template of them.</summary>
    private sealed class Getter
    {
        private readonly (string Text, bool IsColumn)[] _parts;

        private Getter(string text, (string, bool)[] parts)
        {
            Text = text;
            _parts = parts;
        }

        public string Text { get; }

        /// <summary>Source columns it reads (the first segment of a dotted path).</summary>
        public IEnumerable<string> Columns => _parts.Where(p => p.IsColumn && !p.Text.StartsWith('@')).Select(p => p.Text);

        public static Getter Parse(string text)
        {
            if (!text.Contains('{'))
            {
                return new Getter(text, [(text, true)]);
            }

            var parts = new List<(string, bool)>();
            int i = 0;
            while (i < text.Length)
            {
                int open = text.IndexOf('{', i);
                if (open < 0)
                {
                    parts.Add((text[i..], false));
                    break;
                }

                int close = text.IndexOf('}', open);
                if (close < 0)
                {
                    throw new InvalidDataException($"template '{text}' has a '{{' without '}}'");
                }

                if (open > i)
                {
                    parts.Add((text[i..open], false));
                }

                parts.Add((text[(open + 1)..close].Trim(), true));
                i = close + 1;
            }

            return new Getter(text, [.. parts]);
        }

        public string? Read(ISourceRow row, string fileName)
        {
            if (_parts.Length == 1 && _parts[0].IsColumn)
            {
                return Value(row, _parts[0].Text, fileName);
            }

            var text = new StringBuilder();
            foreach (var (part, isColumn) in _parts)
            {
                if (!isColumn)
                {
                    text.Append(part);
                }
                else if (Value(row, part, fileName) is { } value)
                {
                    text.Append(value.Trim());
                }
                else
                {
                    return null;
                }
            }

            return text.ToString();
        }

        private static string? Value(ISourceRow row, string column, string fileName) => column switch
        {
            "@row" => row.Number.ToString(CultureInfo.InvariantCulture),
            "@file" => fileName,
            _ => row.Get(column),
        };
    }
}
