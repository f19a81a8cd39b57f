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

        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        string source = string.IsNullOrWhiteSpace(options.Table) ? options.Query.Trim().TrimEnd(';') : "SELECT * FROM " + QuoteName(options.Table);
        string sql = source;
        await using var command = connection.CreateCommand();
        if (updatedColumn is not null)
        {
            string column = "src." + QuoteName(updatedColumn);
            sql = $"SELECT * FROM ({source}) AS src";
            if (since is not null)
            {
                sql += $" WHERE {column} >= @since";
                command.Parameters.AddWithValue("since", ParseWatermark(since));
            }

            sql += $" ORDER BY {column}";
        }

        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        Columns = names;
        int updatedIndex = updatedColumn is null ? -1 : Array.FindIndex(names, n => string.Equals(n, updatedColumn, StringComparison.OrdinalIgnoreCase));
        DateTime? max = null;
        long number = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new Dictionary<string, object>(names.Length, StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < names.Length; i++)
            {
                values[names[i]] = await reader.IsDBNullAsync(i, cancellationToken) ? null! : reader.GetValue(i);
            }

            if (updatedIndex >= 0 && values[names[updatedIndex]] is DateTime updated && (max is null || updated > max))
            {
                max = updated;
            }

            yield return new ParquetSourceRow(++number, values);
        }

        if (max is { } last)
        {
            MaxUpdated = last.Kind == DateTimeKind.Utc
                ? last.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)
                : last.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A watermark back to the kind of value the column holds: with Z a timestamptz (UTC), without a timestamp.</summary>
    private static DateTime ParseWatermark(string text) => text.EndsWith('Z')
        ? DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc)
        : DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), DateTimeKind.Unspecified);

    /// <summary>Quotes each part of a (schema-qualified) name as an identifier.</summary>
    private static string QuoteName(string name) =>
        string.Join('.', name.Split('.').Select(part => "\"" + part.Trim().Trim('"').Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
