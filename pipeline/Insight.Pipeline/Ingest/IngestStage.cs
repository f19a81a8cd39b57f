using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using Insight.Pipeline.Lake;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Insight.Pipeline.Ingest;

/// <summary>
/// Reads each configured source (files in a drop folder, or a PostgreSQL table) through its mapping,
/// validates every row, redacts personal data, and adds what is new to the lake's ingested tables.
/// One input (a file or a query) is one commit: its rows, its quarantined rows and the source's
/// watermark become visible together, or not at all.
/// </summary>
public sealed class IngestStage(ParquetLake lake, IOptions<IngestOptions> options, ILogger<IngestStage> logger) : IIngestStage
{
    /// <summary>
    /// Most characters of text held for one row group of a part (about 32 MB of strings). Not smaller: Parquet.Net 6
    /// re-reads a file's footer, which lists every row group, for each row group it deserialises, so a file
    /// of many small groups reads slowly.
    /// </summary>
    private const long MaxRowGroupChars = 16_000_000;

    /// <summary>Most rows in one row group of a part.</summary>
    private const int MaxRowGroupRows = 100_000;

    /// <summary>Longest raw row kept in the quarantine, in characters.</summary>
    private const int MaxRawLength = 100_000;

    private readonly IngestOptions _options = options.Value;

    public async Task<IngestReport> RunAsync(CancellationToken cancellationToken)
    {
        var manifest = lake.ReadManifest();
        int leftovers = lake.DeleteUncommitted(manifest, LakeTables.Ingested);
        if (leftovers > 0)
        {
            logger.LogWarning("Removed {Count} files an interrupted ingest left in {Lake}; their inputs are read again.", leftovers, lake.Folder);
        }

        var reports = new List<SourceReport>();
        foreach (var (table, source) in _options.Sources())
        {
            reports.Add(table switch
            {
                LakeTables.Contacts => await IngestContactsAsync(source, manifest, cancellationToken),
                LakeTables.Purchases => await IngestSourceAsync<PurchaseRecord, PurchaseKey>(table, source, manifest, MapperFor(new PurchaseMapper(source, _options)), r => 0, cancellationToken),
                _ => await IngestSourceAsync<CustomerRecord, CustomerKey>(table, source, manifest, MapperFor(new CustomerMapper(source, _options)), r => 0, cancellationToken),
            });
        }

        foreach (var report in reports)
        {
            logger.LogInformation(
                "Ingested {Source} ({Format}, {Location}): {Read} rows read, {Stored} stored ({Added} new, {Updated} updated, {Unchanged} unchanged), {Quarantined} quarantined, {Skipped} files already taken{Error}",
                report.Source, report.Format, report.Location, report.RowsRead, report.RowsStored, report.Added, report.Updated, report.Unchanged,
                report.RowsQuarantined, report.InputsSkipped, report.Error is null ? "" : $"; error: {report.Error}");
        }

        var events = new[] { LakeTables.Contacts, LakeTables.Purchases }.Select(t => manifest.Tables.GetValueOrDefault(t)).OfType<TableState>().ToList();
        return new IngestReport(
            reports,
            events.Select(e => e.FirstEvent).Where(e => e is not null).Min(),
            events.Select(e => e.LastEvent).Where(e => e is not null).Max(),
            manifest.Version);
    }

    private Task<SourceReport> IngestContactsAsync(SourceOptions source, IngestManifest manifest, CancellationToken cancellationToken)
    {
        ContactMapper mapper;
        try
        {
            mapper = new ContactMapper(source, _options);
        }
        catch (InvalidDataException e)
        {
            return Task.FromResult(NotReadable(LakeTables.Contacts, source, $"the mapping is wrong: {e.Message}"));
        }

        Mapping<ContactRecord> mapping = mapper.TurnRows
            ? new((input, reader, ct) => MapTurnRowsAsync(mapper, input, reader, ct), mapper.RequiredColumns)
            : MapperFor(mapper);
        return IngestSourceAsync<ContactRecord, ContactKey>(LakeTables.Contacts, source, manifest, mapping, c => c.Transcript.Length + c.CustomerText.Length, cancellationToken);
    }

    /// <summary>How rows of one input become records or quarantined rows.</summary>
    private sealed record Mapping<T>(
        Func<string, ISourceReader, CancellationToken, IAsyncEnumerable<Mapped<T>>> Map,
        Func<IEnumerable<(string Field, string Column)>> RequiredColumns);

    /// <summary>A record built from <paramref name="Rows"/> input rows, or the quarantined rows.</summary>
    private readonly record struct Mapped<T>(T? Record, int Rows, IReadOnlyList<QuarantineRecord>? Bad);

    /// <summary>One record per row, through the mapper, with the columns it requires.</summary>
    private Mapping<T> MapperFor<T>(IRecordMapper<T> mapper)
        where T : class =>
        new((input, reader, ct) => MapRowsAsync(mapper.Map, input, reader, ct), mapper.RequiredColumns);

    private async IAsyncEnumerable<Mapped<T>> MapRowsAsync<T>(Func<ISourceRow, string, T> map, string input, ISourceReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        string fileName = Path.GetFileName(input);
        await foreach (var row in reader.ReadAsync(cancellationToken))
        {
            if (row is IBadRow { Error: { } error })
            {
                yield return new Mapped<T>(null, 1, [Quarantine(input, row, "(record)", error)]);
                continue;
            }

            var (record, failure) = Try(() => map(row, fileName));
            yield return failure is null
                ? new Mapped<T>(record, 1, null)
                : new Mapped<T>(null, 1, [Quarantine(input, row, failure.Field, failure.Reason)]);
        }
    }

    /// <summary>Turns as rows: consecutive rows with the same contact id are one contact.</summary>
    private async IAsyncEnumerable<Mapped<ContactRecord>> MapTurnRowsAsync(ContactMapper mapper, string input, ISourceReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string fileName = Path.GetFileName(input);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        TurnGroup? group = null;
        await foreach (var row in reader.ReadAsync(cancellationToken))
        {
            if (row is IBadRow { Error: { } error })
            {
                yield return new Mapped<ContactRecord>(null, 1, [Quarantine(input, row, "(record)", error)]);
                continue;
            }

            var (id, idFailure) = Try(() => mapper.ContactIdOf(row, fileName));
            if (idFailure is not null)
            {
                yield return new Mapped<ContactRecord>(null, 1, [Quarantine(input, row, idFailure.Field, idFailure.Reason)]);
                continue;
            }

            if (group is null || group.ContactId != id)
            {
                if (group is not null)
                {
                    yield return group.Finish(mapper, this, input);
                    group = null;
                }

                if (!finished.Add(id!))
                {
                    yield return new Mapped<ContactRecord>(null, 1, [Quarantine(input, row, mapper.Fields.Label(SourceFields.ContactId),
                        $"a turn of contact '{Transcripts.Truncate(id!)}' comes after other contacts' turns; sort the export by contact id so each contact's turns are together")]);
                    continue;
                }

                var (header, headerFailure) = Try(() => mapper.Header(row, fileName));
                group = new TurnGroup(id!, header, headerFailure);
            }

            var (turn, turnFailure) = Try(() => mapper.TurnOf(row));
            if (turnFailure is not null)
            {
                yield return new Mapped<ContactRecord>(null, 1, [Quarantine(input, row, turnFailure.Field, turnFailure.Reason)]);
                continue;
            }

            group.Add(turn, row.Number, Raw(row.Raw()));
        }

        if (group is not null)
        {
            yield return group.Finish(mapper, this, input);
        }
    }

    private sealed class TurnGroup(string contactId, ContactRecord? header, RowException? headerFailure)
    {
        private readonly List<(Turn Turn, string? Order, long Row, string Raw)> _turns = [];

        public string ContactId => contactId;

        public void Add((Turn Turn, string? Order) turn, long row, string raw) => _turns.Add((turn.Turn, turn.Order, row, raw));

        public Mapped<ContactRecord> Finish(ContactMapper mapper, IngestStage stage, string input)
        {
            RowException? failure = headerFailure;
            ContactRecord? contact = null;
            if (failure is null && _turns.Count > 0)
            {
                bool numeric = _turns.All(t => t.Order is null || double.TryParse(t.Order, System.Globalization.CultureInfo.InvariantCulture, out _));
                var ordered = _turns
                    .OrderBy(t => numeric ? (t.Order is null ? (double)t.Row : double.Parse(t.Order, System.Globalization.CultureInfo.InvariantCulture)) : 0)
                    .ThenBy(t => numeric ? "" : t.Order ?? "", StringComparer.Ordinal)
                    .ThenBy(t => t.Row)
                    .Select(t => t.Turn)
                    .ToList();
                (contact, failure) = Try(() => mapper.Complete(header!, ordered));
            }

            if (failure is not null)
            {
                return new Mapped<ContactRecord>(null, _turns.Count, _turns.Select(t => stage.Quarantine(input, t.Row, t.Raw, failure.Field, failure.Reason)).ToList());
            }

            return contact is null ? new Mapped<ContactRecord>(null, 0, []) : new Mapped<ContactRecord>(contact, _turns.Count, null);
        }
    }

    private static (T? Value, RowException? Failure) Try<T>(Func<T> get)
    {
        try
        {
            return (get(), null);
        }
        catch (RowException e)
        {
            return (default, e);
        }
    }

    private async Task<SourceReport> IngestSourceAsync<T, TKey>(
        string table,
        SourceOptions source,
        IngestManifest manifest,
        Mapping<T> mapping,
        Func<T, int> sizeOf,
        CancellationToken cancellationToken)
        where T : class, IIngestedRecord, new()
        where TKey : class, IRecordKey, new()
    {
        if (!source.IsConfigured)
        {
            return new SourceReport(table, "", "", 0, 0, 0, 0, 0, 0, manifest.Tables.GetValueOrDefault(table)?.Rows ?? 0, 0, [], null);
        }

        bool postgres = string.Equals(source.Format.Trim(), FileSourceReaders.Postgres, StringComparison.OrdinalIgnoreCase);
        string format = postgres ? FileSourceReaders.Postgres : FileSourceReaders.FormatOf(source, source.Path);
        string location = postgres ? PostgresSourceReader.Describe(source.Postgres) : source.Path;
        List<string> inputs;
        try
        {
            inputs = postgres ? [location] : FilesOf(source.Path, format);
        }
        catch (InvalidDataException e)
        {
            return NotReadable(table, source, e.Message, format, location);
        }

        var watermark = manifest.Watermark(table);
        var index = (Dictionary<string, IndexEntry>?)null;
        var reports = new List<InputReport>();
        int skipped = 0;
        foreach (string input in inputs)
        {
            FileStamp? stamp = null;
            if (!postgres)
            {
                var info = new FileInfo(input);
                stamp = FileStamp.Of(info);
                if (stamp is not null && watermark.Files.TryGetValue(info.FullName, out var taken) && taken == stamp)
                {
                    skipped++;
                    continue;
                }
            }

            index ??= await BuildIndexAsync<TKey>(manifest.Table(table), lake.TableFolder(table), cancellationToken);
            var result = await IngestInputAsync<T>(table, source, format, input, stamp, manifest, index, mapping, sizeOf, cancellationToken);
            if (result.Error is not null)
            {
                logger.LogError("Cannot read {Source} input {Input}: {Error}", table, input, result.Error);
                index = null;
            }

            reports.Add(result);
        }

        var errors = reports.Where(r => r.Error is not null).ToList();
        return new SourceReport(
            table, format, location,
            reports.Sum(r => r.RowsRead), reports.Sum(r => r.RowsStored), reports.Sum(r => r.RowsQuarantined),
            reports.Sum(r => r.Added), reports.Sum(r => r.Updated), reports.Sum(r => r.Unchanged),
            manifest.Tables.GetValueOrDefault(table)?.Rows ?? 0, skipped, reports,
            errors.Count == 0 ? null : string.Join("; ", errors.Select(e => $"{e.Input}: {e.Error}")));
    }

    private async Task<InputReport> IngestInputAsync<T>(
        string table,
        SourceOptions source,
        string format,
        string input,
        FileStamp? stamp,
        IngestManifest manifest,
        Dictionary<string, IndexEntry> index,
        Mapping<T> mapping,
        Func<T, int> sizeOf,
        CancellationToken cancellationToken)
        where T : class, IIngestedRecord, new()
    {
        var state = manifest.Table(table);
        var quarantineState = manifest.Table(LakeTables.Quarantine);
        long nextPart = state.NextPart;
        long nextQuarantinePart = quarantineState.NextPart;
        string folder = lake.TableFolder(table);
        var written = new List<string>();
        long rowsRead = 0, rowsStored = 0, rowsQuarantined = 0, added = 0, updated = 0, unchanged = 0;
        DateTime? first = null, last = null;
        try
        {
            await using var writer = new PartWriter<T>(folder, PartName(nextPart++), MaxRowGroupRows, MaxRowGroupChars, sizeOf);
            await using var quarantine = new PartWriter<QuarantineRecord>(lake.TableFolder(LakeTables.Quarantine), PartName(nextQuarantinePart++), MaxRowGroupRows, MaxRowGroupChars, q => q.Raw.Length);
            var superseded = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
            string? maxUpdated;
            await using (var reader = OpenInput(source, format, input, watermark: manifest.Watermark(table)))
            {
                await foreach (var mapped in ReadCheckedAsync(reader, mapping, input, cancellationToken))
                {
                    rowsRead += mapped.Rows;
                    if (mapped.Bad is { } bad)
                    {
                        foreach (var row in bad)
                        {
                            row.Source = table;
                            await quarantine.AddAsync(row, cancellationToken);
                        }

                        rowsQuarantined += bad.Count;
                        continue;
                    }

                    var record = mapped.Record!;
                    rowsStored += mapped.Rows;
                    if (index.TryGetValue(record.Key, out var old))
                    {
                        int newer = Nullable.Compare(record.UpdatedAt, old.UpdatedAt);
                        if (newer < 0 || (newer == 0 && record.RowHash == old.RowHash))
                        {
                            unchanged++;
                            continue;
                        }

                        if (!superseded.TryGetValue(old.Part, out var ordinals))
                        {
                            superseded[old.Part] = ordinals = [];
                        }

                        ordinals.Add(old.Ordinal);
                        updated++;
                    }
                    else
                    {
                        added++;
                    }

                    int ordinal = await writer.AddAsync(record, cancellationToken);
                    index[record.Key] = new IndexEntry(writer.Name, ordinal, record.UpdatedAt, record.RowHash);
                    if (record.EventTime is { } at)
                    {
                        first = first is null || at < first ? at : first;
                        last = last is null || at > last ? at : last;
                    }
                }

                maxUpdated = (reader as PostgresSourceReader)?.MaxUpdated;
            }

            var parts = new List<string>(state.Parts);
            if (await writer.CompleteAsync(cancellationToken) is { } newPart)
            {
                written.Add(newPart);
                parts.Add(newPart);
            }

            string? quarantinePart = await quarantine.CompleteAsync(cancellationToken);
            if (quarantinePart is not null)
            {
                written.Add(Path.Combine("..", LakeTables.Quarantine, quarantinePart));
            }

            // Rows replaced by a newer version: rewrite their parts without them.
            var replaced = new List<string>();
            foreach (var (part, ordinals) in superseded.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                await using var rewrite = new PartWriter<T>(folder, PartName(nextPart++), MaxRowGroupRows, MaxRowGroupChars, sizeOf);
                int ordinal = 0;
                await foreach (var row in ParquetLake.ReadFileAsync<T>(Path.Combine(folder, part), cancellationToken))
                {
                    if (!ordinals.Contains(ordinal++))
                    {
                        int kept = await rewrite.AddAsync(row, cancellationToken);
                        index[row.Key] = new IndexEntry(rewrite.Name, kept, row.UpdatedAt, row.RowHash);
                    }
                }

                string? rewritten = await rewrite.CompleteAsync(cancellationToken);
                int at = parts.IndexOf(part);
                if (rewritten is null)
                {
                    parts.RemoveAt(at);
                }
                else
                {
                    written.Add(rewritten);
                    parts[at] = rewritten;
                }

                replaced.Add(part);
            }

            // Commit: the new parts, the quarantined rows and the watermark, together.
            state.Parts = parts;
            state.NextPart = nextPart;
            state.Rows += added;
            state.Extend(first, last);
            if (quarantinePart is not null)
            {
                quarantineState.Parts.Add(quarantinePart);
                quarantineState.NextPart = nextQuarantinePart;
                quarantineState.Rows += rowsQuarantined;
            }

            var watermark = manifest.Watermark(table);
            if (stamp is not null)
            {
                watermark.Files[Path.GetFullPath(input)] = stamp;
            }
            else if (maxUpdated is not null)
            {
                watermark.UpdatedSince = maxUpdated;
            }

            lake.CommitManifest(manifest);
            foreach (string part in replaced)
            {
                File.Delete(Path.Combine(folder, part));
            }

            return new InputReport(input, rowsRead, rowsStored, rowsQuarantined, added, updated, unchanged, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or CsvFormatException or JsonException
            or NpgsqlException or Parquet.ParquetException or NotSupportedException)
        {
            foreach (string file in written)
            {
                File.Delete(Path.Combine(folder, file));
            }

            return new InputReport(input, 0, 0, 0, 0, 0, 0, Describe(e));
        }
    }

    /// <summary>Rows of an input, after checking it has the columns the mapping needs.</summary>
    private static async IAsyncEnumerable<Mapped<T>> ReadCheckedAsync<T>(ISourceReader reader, Mapping<T> mapping, string input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        bool checkedColumns = false;
        await foreach (var mapped in mapping.Map(input, reader, cancellationToken))
        {
            if (!checkedColumns)
            {
                CheckColumns(reader, mapping);
                checkedColumns = true;
            }

            yield return mapped;
        }

        if (!checkedColumns)
        {
            CheckColumns(reader, mapping);
        }
    }

    private static void CheckColumns<T>(ISourceReader reader, Mapping<T> mapping)
    {
        if (reader.Columns is not { } columns || columns.Count == 0)
        {
            return;
        }

        var present = columns.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = mapping.RequiredColumns()
            .Where(c => !present.Contains(c.Column) && !present.Contains(c.Column.Split('.')[0]))
            .Select(c => c.Field.Equals(c.Column, StringComparison.OrdinalIgnoreCase) ? $"'{c.Column}'" : $"'{c.Column}' (for {c.Field})")
            .Distinct()
            .ToList();
        if (missing.Count > 0)
        {
            string hint = columns.Count == 1 ? " (one column only: is the delimiter right?)" : "";
            throw new InvalidDataException(
                $"has no column {string.Join(", ", missing)}; its columns are {string.Join(", ", columns.Take(15).Select(c => $"'{Transcripts.Truncate(c)}'"))}{(columns.Count > 15 ? ", ..." : "")}{hint}");
        }
    }

    private ISourceReader OpenInput(SourceOptions source, string format, string input, SourceWatermark watermark)
    {
        if (format == FileSourceReaders.Postgres)
        {
            string? updated = source.Fields.TryGetValue(SourceFields.UpdatedAt, out var column) && !column.Contains('{') ? column.Trim() : null;
            return new PostgresSourceReader(source.Postgres, updated, updated is null ? null : watermark.UpdatedSince);
        }

        return FileSourceReaders.Open(input, format, source);
    }

    /// <summary>The files of a source: one file, the files of a folder, or those matching a pattern; in name order.</summary>
    private static List<string> FilesOf(string path, string format)
    {
        path = path.Trim();
        if (Directory.Exists(path))
        {
            var extensions = FileSourceReaders.ExtensionsOf(format);
            return Directory.EnumerateFiles(path)
                .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        string name = Path.GetFileName(path);
        if (name.Contains('*') || name.Contains('?'))
        {
            string folder = Path.GetDirectoryName(path) is { Length: > 0 } f ? f : ".";
            if (!Directory.Exists(folder))
            {
                throw new InvalidDataException($"the folder '{folder}' does not exist");
            }

            return Directory.EnumerateFiles(folder, name).Order(StringComparer.Ordinal).ToList();
        }

        return File.Exists(path) ? [path] : throw new InvalidDataException($"'{path}' does not exist");
    }

    private static async Task<Dictionary<string, IndexEntry>> BuildIndexAsync<TKey>(TableState state, string folder, CancellationToken cancellationToken)
        where TKey : class, IRecordKey, new()
    {
        var index = new Dictionary<string, IndexEntry>(StringComparer.Ordinal);
        foreach (string part in state.Parts)
        {
            int ordinal = 0;
            await foreach (var key in ParquetLake.ReadFileAsync<TKey>(Path.Combine(folder, part), cancellationToken))
            {
                index[key.Id] = new IndexEntry(part, ordinal++, key.UpdatedAt, key.RowHash);
            }
        }

        return index;
    }

    /// <summary>Where the stored version of an id is, and what it was.</summary>
    private readonly record struct IndexEntry(string Part, int Ordinal, DateTime? UpdatedAt, long RowHash);

    private static string PartName(long number) => $"part-{number:D6}.parquet";

    private QuarantineRecord Quarantine(string input, ISourceRow row, string field, string reason) =>
        Quarantine(input, row.Number, Raw(row.Raw()), field, reason);

    private QuarantineRecord Quarantine(string input, long row, string raw, string field, string reason) => new()
    {
        File = input,
        Row = row,
        Field = field,
        Reason = _options.Redaction.Enabled ? PiiRedactor.Redact(reason) : reason,
        Raw = raw,
    };

    /// <summary>A raw row as it may be stored: redacted and capped.</summary>
    private string Raw(string raw)
    {
        raw = raw.Length > MaxRawLength ? raw[..MaxRawLength] : raw;
        return _options.Redaction.Enabled ? PiiRedactor.Redact(raw) : raw;
    }

    private static SourceReport NotReadable(string table, SourceOptions source, string error, string? format = null, string? location = null) =>
        new(table, format ?? source.Format, location ?? source.Path, 0, 0, 0, 0, 0, 0, 0, 0, [], error);

    /// <summary>An error message for a report or a log: what went wrong, never row contents.</summary>
    private static string Describe(Exception e) => e switch
    {
        CsvFormatException csv => $"malformed CSV near record {csv.RecordNumber}: {csv.Message}",
        JsonException json => $"not valid JSON near line {json.LineNumber + 1}, byte {json.BytePositionInLine}",
        PostgresException pg => $"PostgreSQL error {pg.SqlState}: {PiiRedactor.Redact(pg.MessageText)}",
        NpgsqlException pg => $"cannot reach PostgreSQL: {pg.Message}",
        _ => e.Message,
    };
}
