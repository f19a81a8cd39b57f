using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Insight.Pipeline.Ingest;

/// <summary>
/// A PostgreSQL table or query, streamed row by row. With an update column it reads only rows updated
/// at or after the watermark, in update order (rows at the watermark itself come again and are
/// recognised as unchanged), and reports the latest update time it read.
/// </summary>
internal sealed class PostgresSourceReader(PostgresSourceOptions options, string? updatedColumn, string? since) : ISourceReader
{
    public IReadOnlyList<string>? Columns { get; private set; }

    /// <summary>The latest value of the update column read, as text for the watermark; null when none was read.</summary>
    public string? MaxUpdated { get; private set; }

    /// <summary>Where the rows come from, without credentials: <c>postgres://host/db/table</c>.</summary>
    public static string Describe(PostgresSourceOptions options)
    {
        string where = "postgres";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            where = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            // An unreadable connection string is reported when the source is read.
        }

        return string.IsNullOrWhiteSpace(options.Table) ? where + " (query)" : $"{where}/{options.Table}";
    }

    public async IAsyncEnumerable<ISourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidDataException("no connection string is configured (Postgres:ConnectionString)");
        }

        await using var connection = Connect(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        string source = string.IsNullOrWhiteSpace(options.Table) ? options.Query.Trim().TrimEnd(';') : "SELECT * FROM " + QuoteName(options.Table);

        // The columns and their types first (described, not run): which to read as text, and the update column's exact name.
        var (described, types, asText) = await DescribeAsync(connection, source, cancellationToken);
        string sql = source;
        await using var command = connection.CreateCommand();
        int updatedIndex = -1;
        if (updatedColumn is not null)
        {
            int at = Array.FindIndex(described, n => n == updatedColumn);
            at = at >= 0 ? at : Array.FindIndex(described, n => string.Equals(n, updatedColumn, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                throw new InvalidDataException(
                    $"has no column '{updatedColumn}' (for {SourceFields.UpdatedAt}); its columns are {string.Join(", ", described.Take(15).Select(c => $"'{c}'"))}{(described.Length > 15 ? ", ..." : "")}");
            }

            // A line comment at the end of a query must not swallow what follows it: hence the line breaks.
            string column = "src." + QuoteName(described[at]);
            sql = $"SELECT * FROM (\n{source}\n) AS src";

            // Only a time can be a watermark; other update columns are read whole each time (and de-duplicated).
            bool time = types[at] is "timestamp with time zone" or "timestamp without time zone" or "date";
            updatedIndex = time ? at : -1;
            if (time && since is not null)
            {
                sql += $" WHERE {column} >= @since";
                command.Parameters.AddWithValue("since", ParseWatermark(since));
            }

            sql += $" ORDER BY {column}";
        }

        command.CommandText = sql;
        command.UnknownResultTypeList = asText;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        Columns = names;
        DateTime? max = null;
        long number = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            number++;
            var values = new Dictionary<string, object>(names.Length, StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < names.Length; i++)
            {
                values[names[i]] = await reader.IsDBNullAsync(i, cancellationToken) ? null! : Read(reader, i, number);
            }

            var updated = updatedIndex < 0 ? null : values[names[updatedIndex]] switch
            {
                DateTime at => at,
                DateOnly day => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
                _ => (DateTime?)null,
            };
            if (updated is not null && (max is null || updated > max))
            {
                max = updated;
            }

            yield return new ParquetSourceRow(number, values);
        }

        if (max is { } last)
        {
            MaxUpdated = last.Kind == DateTimeKind.Utc
                ? last.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)
                : last.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// A watermark back to the kind of value the column holds: with Z a timestamptz (UTC), without a timestamp
    /// (which a date column compares with too).
    /// </summary>
    private static DateTime ParseWatermark(string text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            throw new InvalidDataException($"the lake manifest's watermark '{text}' for this source is not a time");
        }

        return time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
    }

    private static NpgsqlConnection Connect(string connectionString)
    {
        try
        {
            return new NpgsqlConnection(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message names a keyword or a position, never a value.
            throw new InvalidDataException($"the connection string (Postgres:ConnectionString) is not valid: {e.Message}");
        }
    }

    /// <summary>
    /// The columns of a query and their types, without running it, and which to read as text: numeric (whose NaN and
    /// huge values do not fit a decimal; as text the mapping rejects them row by row) and types with no .NET reader
    /// (enums, composites, extension types), so that a column nobody maps cannot fail the read.
    /// </summary>
    private static async Task<(string[] Names, string[] Types, bool[] AsText)> DescribeAsync(NpgsqlConnection connection, string source, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(source, connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken);
        var names = new string[reader.FieldCount];
        var types = new string[reader.FieldCount];
        var asText = new bool[reader.FieldCount];
        for (int i = 0; i < reader.FieldCount; i++)
        {
            names[i] = reader.GetName(i);
            types[i] = reader.GetDataTypeName(i);
            try
            {
                asText[i] = types[i] == "numeric" || reader.GetFieldType(i) is null;
            }
            catch (InvalidCastException)
            {
                asText[i] = true;
            }
        }

        return (names, types, asText);
    }

    /// <summary>A value as Npgsql reads it; one it cannot (a date past year 9999, say) fails the input, naming row and column.</summary>
    private static object Read(NpgsqlDataReader reader, int ordinal, long row)
    {
        try
        {
            return reader.GetValue(ordinal);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"row {row}, column '{reader.GetName(ordinal)}' ({reader.GetDataTypeName(ordinal)}): the value cannot be read ({e.Message})");
        }
    }

    /// <summary>Quotes each part of a (schema-qualified) name as an identifier.</summary>
    private static string QuoteName(string name) =>
        string.Join('.', name.Split('.').Select(part => "\"" + part.Trim().Trim('"').Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
