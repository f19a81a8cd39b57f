using System.Text;
using CsvHelper;
using Insight.Pipeline.Lake;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Ingest;

/// <inheritdoc />
public sealed class IngestStage(ParquetLake lake, IOptions<IngestOptions> options, ILogger<IngestStage> logger) : IIngestStage
{
    private readonly IngestOptions _options = options.Value;

    public async Task<IngestReport> RunAsync(CancellationToken cancellationToken)
    {
        var quarantine = new List<QuarantineRecord>();
        var channels = _options.Channels.ToHashSet(StringComparer.OrdinalIgnoreCase);

        var (contacts, contactsReport) = ReadSource(LakeTables.Contacts, _options.Contacts,
            [Columns.ContactId, Columns.CustomerId, Columns.StartedAt, Columns.Channel, Columns.Transcript],
            row => ParseContact(row, channels), c => c.ContactId, quarantine);
        var (purchases, purchasesReport) = ReadSource(LakeTables.Purchases, _options.Purchases,
            [Columns.OrderId, Columns.CustomerId, Columns.OrderedAt, Columns.Amount],
            ParsePurchase, p => p.OrderId, quarantine);
        var (customers, customersReport) = ReadSource(LakeTables.Customers, _options.Customers,
            [Columns.CustomerId],
            ParseCustomer, c => c.CustomerId, quarantine);

        var orderedContacts = contacts.OrderBy(c => c.StartedAt).ThenBy(c => c.ContactId, StringComparer.Ordinal).ToList();
        var orderedPurchases = purchases.OrderBy(p => p.OrderedAt).ThenBy(p => p.OrderId, StringComparer.Ordinal).ToList();
        await lake.WriteAsync(LakeTables.Contacts, orderedContacts, cancellationToken: cancellationToken);
        await lake.WriteAsync(LakeTables.Purchases, orderedPurchases, cancellationToken: cancellationToken);
        await lake.WriteAsync(LakeTables.Customers, customers.OrderBy(c => c.CustomerId, StringComparer.Ordinal), cancellationToken: cancellationToken);
        await lake.WriteAsync(LakeTables.Quarantine, quarantine, cancellationToken: cancellationToken);

        var times = orderedContacts.Select(c => c.StartedAt).Concat(orderedPurchases.Select(p => p.OrderedAt)).ToList();
        var reports = new[] { contactsReport, purchasesReport, customersReport };
        foreach (var report in reports)
        {
            logger.LogInformation("Ingested {Source} from {File}: {Read} read, {Stored} stored, {Quarantined} quarantined{Error}",
                report.Source, report.File, report.RowsRead, report.Stored, report.Quarantined, report.Error is null ? "" : $" (error: {report.Error})");
        }

        return new IngestReport(reports, times.Count > 0 ? times.Min() : null, times.Count > 0 ? times.Max() : null);
    }

    private (List<T> Rows, SourceReport Report) ReadSource<T>(
        string source,
        string path,
        string[] requiredColumns,
        Func<CsvRowView, T> parse,
        Func<T, string> idOf,
        List<QuarantineRecord> quarantine)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return ([], new SourceReport(source, "", 0, 0, 0, 0, source == LakeTables.Customers ? null : "no file is configured"));
        }

        var byId = new Dictionary<string, T>(StringComparer.Ordinal);
        long read = 0;
        long quarantined = 0;
        long duplicates = 0;
        try
        {
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"'{path}' does not exist");
            }

            if (new FileInfo(path).Length == 0)
            {
                throw new InvalidDataException($"'{path}' is empty");
            }

            var csvOptions = CsvReaderOptions.Default with { Separator = _options.Separator[0], Encoding = Encoding.UTF8 };
            using var reader = CsvReader.FromFile(path, csvOptions);
            reader.ReadHeader();
            var columns = reader.Headers
                .Select((name, index) => (Name: name.Trim(), Index: index))
                .GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Index, StringComparer.OrdinalIgnoreCase);
            var missing = requiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidDataException(
                    $"'{path}' has no column {string.Join(", ", missing.Select(m => $"'{m}'"))} (header: {string.Join(_options.Separator, reader.Headers.Take(12))})");
            }

            var row = new CsvRowView(reader, columns);
            while (reader.Read())
            {
                read++;
                try
                {
                    var record = parse(row);
                    if (!byId.TryAdd(idOf(record), record))
                    {
                        byId[idOf(record)] = record;
                        duplicates++;
                    }
                }
                catch (RowException e)
                {
                    quarantined++;
                    quarantine.Add(new QuarantineRecord
                    {
                        Source = source,
                        File = path,
                        Row = reader.RowNumber,
                        Field = e.Field,
                        Reason = e.Reason,
                        Raw = PiiRedactor.Redact(row.Raw()),
                    });
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or CsvFormatException)
        {
            logger.LogError("Cannot read {Source} file {File}: {Error}", source, path, e.Message);
            return ([], new SourceReport(source, path, read, 0, 0, quarantined, e.Message));
        }

        return ([.. byId.Values], new SourceReport(source, path, read, byId.Count, duplicates, quarantined, null));
    }

    private ContactRecord ParseContact(CsvRowView row, HashSet<string> channels)
    {
        string channel = row.Required(Columns.Channel).ToLowerInvariant();
        if (!channels.Contains(channel))
        {
            throw new RowException(Columns.Channel, $"'{channel}' is not a known channel ({string.Join(", ", channels)})");
        }

        string transcript = row.Required(Columns.Transcript);
        if (transcript.Length > _options.MaxTranscriptLength)
        {
            throw new RowException(Columns.Transcript, $"is {transcript.Length} characters, over the limit of {_options.MaxTranscriptLength}");
        }

        string redacted = PiiRedactor.Redact(transcript);
        return new ContactRecord
        {
            ContactId = row.Required(Columns.ContactId),
            CustomerId = row.Required(Columns.CustomerId),
            StartedAt = row.RequiredTime(Columns.StartedAt),
            Channel = channel,
            AgentId = row.Optional(Columns.AgentId),
            Queue = row.Optional(Columns.Queue),
            Disposition = row.Optional(Columns.Disposition),
            HandleSeconds = row.OptionalInt(Columns.HandleSeconds),
            Transcript = redacted,
            CustomerText = TranscriptParser.CustomerText(redacted),
            Source = LakeTables.Contacts,
            SourceRow = row.RowNumber,
        };
    }

    private static PurchaseRecord ParsePurchase(CsvRowView row)
    {
        string status = (row.Optional(Columns.Status) ?? PurchaseRecord.Completed).ToLowerInvariant();
        if (status is not (PurchaseRecord.Completed or PurchaseRecord.Returned or PurchaseRecord.Cancelled))
        {
            throw new RowException(Columns.Status, $"'{status}' is not completed, returned or cancelled");
        }

        return new PurchaseRecord
        {
            OrderId = row.Required(Columns.OrderId),
            CustomerId = row.Required(Columns.CustomerId),
            OrderedAt = row.RequiredTime(Columns.OrderedAt),
            Amount = row.RequiredNonNegative(Columns.Amount),
            Status = status,
        };
    }

    private static CustomerRecord ParseCustomer(CsvRowView row) => new()
    {
        CustomerId = row.Required(Columns.CustomerId),
        SignupAt = row.OptionalTime(Columns.SignupAt),
        Segment = row.Optional(Columns.Segment),
        CancelledAt = row.OptionalTime(Columns.CancelledAt),
    };
}
