using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Ingest;

/// <summary>
/// Checks every configured source's mapping at start-up (format, CSV settings, encoding, field names,
/// time formats and zone, transcript shape and speakers), so a wrong mapping stops the run before any
/// data is read, with the key that is wrong.
/// </summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        foreach (var (table, source) in options.Sources())
        {
            if (!source.IsConfigured)
            {
                continue;
            }

            string key = $"{IngestOptions.Section}:{char.ToUpperInvariant(table[0])}{table[1..]}";
            try
            {
                Check(table, source, options);
            }
            catch (InvalidDataException e)
            {
                failures.Add($"{key}: {e.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string table, SourceOptions source, IngestOptions options)
    {
        string format = string.IsNullOrWhiteSpace(source.Format) ? FileSourceReaders.FormatOf(source, source.Path) : source.Format.Trim().ToLowerInvariant();
        if (!FileSourceReaders.Formats.Contains(format))
        {
            throw new InvalidDataException($"Format '{source.Format}' is not one of {string.Join(", ", FileSourceReaders.Formats)}");
        }

        if (format == FileSourceReaders.Postgres && !source.Postgres.IsConfigured)
        {
            throw new InvalidDataException("Format is postgres but neither Postgres:Table nor Postgres:Query is set");
        }

        if (format == FileSourceReaders.Csv)
        {
            _ = CsvSourceReader.SeparatorOf(source.Csv.Delimiter);
            if (source.Csv.Mode.Trim().Equals("fixed-width", StringComparison.OrdinalIgnoreCase) && (source.Csv.FieldWidths.Length == 0 || source.Csv.FieldWidths.Any(w => w <= 0)))
            {
                throw new InvalidDataException("Csv:Mode is fixed-width but Csv:FieldWidths is empty or has a width that is not positive");
            }
        }

        _ = FileSourceReaders.EncodingOf(source.Csv.Encoding);
        if (source.Attributes.Length > 0 && table != Lake.LakeTables.Customers)
        {
            throw new InvalidDataException("Attributes are read from customers only; move them to Input:Customers");
        }

        if (source.Attributes.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidDataException("Attributes has an empty column name");
        }

        _ = table switch
        {
            Lake.LakeTables.Contacts => new ContactMapper(source, options).Fields,
            Lake.LakeTables.Purchases => new PurchaseMapper(source, options).Fields,
            _ => new CustomerMapper(source, options).Fields,
        };
    }
}
