using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Ingest;

/// <summary>Maps one source row onto a record of a table, and says which columns an input must have.</summary>
public interface IRecordMapper<out T>
{
    /// <summary>Columns an input with a fixed set of columns must have, with the field behind each.</summary>
    IEnumerable<(string Field, string Column)> RequiredColumns();

    /// <summary>The record of a row; throws <see cref="RowException"/> naming the field when a value is wrong.</summary>
    T Map(ISourceRow row, string file);
}

/// <summary>The fields of each source, as config names them and as Insight's columns name them.</summary>
public static class SourceFields
{
    public const string ContactId = "ContactId";
    public const string CustomerId = "CustomerId";
    public const string StartedAt = "StartedAt";
    public const string Channel = "Channel";
    public const string Transcript = "Transcript";
    public const string AgentId = "AgentId";
    public const string Queue = "Queue";
    public const string Disposition = "Disposition";
    public const string HandleSeconds = "HandleSeconds";
    public const string UpdatedAt = "UpdatedAt";
    public const string OrderId = "OrderId";
    public const string OrderedAt = "OrderedAt";
    public const string Amount = "Amount";
    public const string Status = "Status";
    public const string SignupAt = "SignupAt";
    public const string Segment = "Segment";
    public const string CancelledAt = "CancelledAt";
    public const string Cancelled = "Cancelled";

    public static readonly SourceField[] Contacts =
    [
        new(ContactId, Columns.ContactId, true), new(CustomerId, Columns.CustomerId, true), new(StartedAt, Columns.StartedAt, true, IsTime: true),
        new(Channel, Columns.Channel, true), new(Transcript, Columns.Transcript, true), new(AgentId, Columns.AgentId, false),
        new(Queue, Columns.Queue, false), new(Disposition, Columns.Disposition, false), new(HandleSeconds, Columns.HandleSeconds, false),
        new(UpdatedAt, Columns.UpdatedAt, false, IsTime: true),
    ];

    public static readonly SourceField[] Purchases =
    [
        new(OrderId, Columns.OrderId, true), new(CustomerId, Columns.CustomerId, true), new(OrderedAt, Columns.OrderedAt, true, IsTime: true),
        new(Amount, Columns.Amount, true), new(Status, Columns.Status, false), new(UpdatedAt, Columns.UpdatedAt, false, IsTime: true),
    ];

    public static readonly SourceField[] Customers =
    [
        new(CustomerId, Columns.CustomerId, true), new(SignupAt, Columns.SignupAt, false, IsTime: true), new(Segment, Columns.Segment, false),
        new(CancelledAt, Columns.CancelledAt, false, IsTime: true), new(Cancelled, Columns.Cancelled, false),
        new(UpdatedAt, Columns.UpdatedAt, false, IsTime: true),
    ];

    public static SourceField[] Of(string table) => table switch
    {
        LakeTables.Contacts => Contacts,
        LakeTables.Purchases => Purchases,
        LakeTables.Customers => Customers,
        _ => throw new ArgumentException($"'{table}' is not an ingested table", nameof(table)),
    };
}

/// <summary>Maps source rows of contacts onto <see cref="ContactRecord"/>: fields, transcript shape, redaction and limits.</summary>
public sealed class ContactMapper : IRecordMapper<ContactRecord>
{
    private readonly HashSet<string> _channels;
    private readonly TranscriptOptions _transcript;
    private readonly int _maxTranscriptLength;
    private readonly bool _redact;

    public ContactMapper(SourceOptions source, IngestOptions options)
    {
        Fields = new FieldMap(SourceFields.Contacts, source, options.MaxIdLength);
        Transcripts = new Transcripts(source.Transcript);
        _transcript = source.Transcript;
        _channels = options.Channels.ToHashSet(StringComparer.OrdinalIgnoreCase);
        _maxTranscriptLength = options.MaxTranscriptLength;
        _redact = options.Redaction.Enabled;
        string shape = _transcript.Shape;
        if (shape is not (TranscriptOptions.TextShape or TranscriptOptions.TaggedShape or TranscriptOptions.TurnsJsonShape or TranscriptOptions.TurnRowsShape))
        {
            throw new InvalidDataException($"transcript shape '{shape}' is not text, tagged, turns-json or turn-rows");
        }
    }

    public FieldMap Fields { get; }

    public Transcripts Transcripts { get; }

    public bool TurnRows => _transcript.Shape == TranscriptOptions.TurnRowsShape;

    /// <summary>Columns an input with a fixed set of columns must have.</summary>
    public IEnumerable<(string Field, string Column)> RequiredColumns() => TurnRows
        ? Fields.RequiredColumns([SourceFields.Transcript]).Concat([(SourceFields.Transcript, _transcript.Speaker), (SourceFields.Transcript, _transcript.Text)])
        : Fields.RequiredColumns();

    /// <summary>A whole contact from one row (shapes text, tagged, turns-json).</summary>
    public ContactRecord Map(ISourceRow row, string file)
    {
        var contact = Header(row, file);
        var turns = TurnsOf(row, file);
        return Complete(contact, turns);
    }

    /// <summary>The contact's own fields from a row, without the transcript.</summary>
    public ContactRecord Header(ISourceRow row, string file)
    {
        string channel = Fields.Required(row, SourceFields.Channel, file).ToLowerInvariant();
        if (!_channels.Contains(channel))
        {
            throw Fields.Fail(SourceFields.Channel, $"'{Transcripts.Truncate(channel)}' is not a known channel ({string.Join(", ", _channels)}); map it under Values:Channel");
        }

        return new ContactRecord
        {
            ContactId = Fields.RequiredId(row, SourceFields.ContactId, file),
            CustomerId = Fields.RequiredId(row, SourceFields.CustomerId, file),
            StartedAt = Fields.RequiredTime(row, SourceFields.StartedAt, file),
            Channel = channel,
            AgentId = Fields.OptionalId(row, SourceFields.AgentId, file),
            Queue = Fields.OptionalId(row, SourceFields.Queue, file),
            Disposition = Fields.OptionalId(row, SourceFields.Disposition, file),
            HandleSeconds = Fields.OptionalNonNegativeInt(row, SourceFields.HandleSeconds, file),
            UpdatedAt = Fields.OptionalTime(row, SourceFields.UpdatedAt, file),
            Source = file,
            SourceRow = row.Number,
        };
    }

    /// <summary>For turn-rows: the contact a row belongs to.</summary>
    public string ContactIdOf(ISourceRow row, string file) => Fields.RequiredId(row, SourceFields.ContactId, file);

    /// <summary>For turn-rows: the turn a row holds, and its order key (the order column, else the row number).</summary>
    public (Turn Turn, string? Order) TurnOf(ISourceRow row)
    {
        string? speaker = row.Get(_transcript.Speaker);
        var role = Transcripts.SpeakerOf(speaker) ?? throw new RowException(_transcript.Speaker,
            speaker is null ? "is empty" : $"'{Transcripts.Truncate(speaker)}' is not mapped to customer, agent or system (Transcript:Speakers)");
        string text = row.Get(_transcript.Text) is { } t ? global::Insight.Pipeline.Ingest.Transcripts.Clean(t) : throw new RowException(_transcript.Text, "is empty");
        return (new Turn(role, text), string.IsNullOrWhiteSpace(_transcript.Order) ? null : row.Get(_transcript.Order));
    }

    /// <summary>Redacts the turns, renders the transcript, checks its length and hashes the row.</summary>
    public ContactRecord Complete(ContactRecord contact, IReadOnlyList<Turn> turns)
    {
        if (turns.Count == 0 || turns.All(t => t.Text.Length == 0))
        {
            throw Fields.Fail(SourceFields.Transcript, "has no words");
        }

        var stored = _redact ? turns.Select(t => t with { Text = PiiRedactor.Redact(t.Text) }).ToList() : turns;
        string transcript = global::Insight.Pipeline.Ingest.Transcripts.Render(stored);
        if (transcript.Length > _maxTranscriptLength)
        {
            throw Fields.Fail(SourceFields.Transcript, $"is {transcript.Length} characters, over the limit of {_maxTranscriptLength}");
        }

        contact.Transcript = transcript;
        contact.CustomerText = global::Insight.Pipeline.Ingest.Transcripts.CustomerText(stored);
        contact.Turns = stored.Count;
        contact.RowHash = StableHash.OfValues(contact.ContactId, contact.CustomerId, contact.StartedAt.Ticks.ToString(), contact.Channel, contact.AgentId, contact.Queue, contact.Disposition, contact.HandleSeconds?.ToString(), contact.Transcript);
        return contact;
    }

    private List<Turn> TurnsOf(ISourceRow row, string file)
    {
        if (_transcript.Shape == TranscriptOptions.TurnsJsonShape)
        {
            System.Text.Json.JsonElement? json;
            try
            {
                json = row.GetJson(Fields.SourceOf(SourceFields.Transcript));
            }
            catch (System.Text.Json.JsonException)
            {
                throw Fields.Fail(SourceFields.Transcript, "is not JSON (expected an array of turns)");
            }

            if (json is null)
            {
                throw Fields.Fail(SourceFields.Transcript, "is empty");
            }

            try
            {
                return Transcripts.FromJson(json.Value, _transcript.Speaker, _transcript.Text);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
            {
                throw Fields.Fail(SourceFields.Transcript, e.Message);
            }
        }

        string text = Fields.Required(row, SourceFields.Transcript, file);
        if (_transcript.Shape == TranscriptOptions.TaggedShape)
        {
            return Transcripts.FromTagged(text);
        }

        return Transcripts.FromLines(text) ?? [new Turn(Speaker.Customer, global::Insight.Pipeline.Ingest.Transcripts.Clean(text))];
    }
}

/// <summary>Maps source rows of purchases onto <see cref="PurchaseRecord"/>.</summary>
public sealed class PurchaseMapper(SourceOptions source, IngestOptions options) : IRecordMapper<PurchaseRecord>
{
    public FieldMap Fields { get; } = new(SourceFields.Purchases, source, options.MaxIdLength);

    public IEnumerable<(string Field, string Column)> RequiredColumns() => Fields.RequiredColumns();

    public PurchaseRecord Map(ISourceRow row, string file)
    {
        string status = (Fields.Optional(row, SourceFields.Status, file) ?? PurchaseRecord.Completed).ToLowerInvariant();
        if (status is not (PurchaseRecord.Completed or PurchaseRecord.Returned or PurchaseRecord.Cancelled))
        {
            throw Fields.Fail(SourceFields.Status, $"'{Transcripts.Truncate(status)}' is not completed, returned or cancelled; map it under Values:Status");
        }

        var purchase = new PurchaseRecord
        {
            OrderId = Fields.RequiredId(row, SourceFields.OrderId, file),
            CustomerId = Fields.RequiredId(row, SourceFields.CustomerId, file),
            OrderedAt = Fields.RequiredTime(row, SourceFields.OrderedAt, file),
            Amount = Fields.RequiredNonNegative(row, SourceFields.Amount, file),
            Status = status,
            UpdatedAt = Fields.OptionalTime(row, SourceFields.UpdatedAt, file),
        };
        purchase.RowHash = StableHash.OfValues(purchase.OrderId, purchase.CustomerId, purchase.OrderedAt.Ticks.ToString(), purchase.Amount.ToString("R", System.Globalization.CultureInfo.InvariantCulture), purchase.Status);
        return purchase;
    }
}

/// <summary>Maps source rows of customers onto <see cref="CustomerRecord"/>, with the source's attribute columns (redacted).</summary>
public sealed class CustomerMapper(SourceOptions source, IngestOptions options) : IRecordMapper<CustomerRecord>
{
    // The attribute columns in the order they are stored (by name), and whether their values are redacted.
    private readonly string[] _attributes = [.. source.Attributes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    private readonly bool _redact = options.Redaction.Enabled;

    public FieldMap Fields { get; } = new(SourceFields.Customers, source, options.MaxIdLength);

    /// <summary>Columns an input must have: those of required fields and every attribute column.</summary>
    public IEnumerable<(string Field, string Column)> RequiredColumns() =>
        Fields.RequiredColumns().Concat(source.Attributes.Select(a => (nameof(SourceOptions.Attributes), a)));

    public CustomerRecord Map(ISourceRow row, string file)
    {
        var customer = new CustomerRecord
        {
            CustomerId = Fields.RequiredId(row, SourceFields.CustomerId, file),
            SignupAt = Fields.OptionalTime(row, SourceFields.SignupAt, file),
            Segment = Fields.OptionalId(row, SourceFields.Segment, file),
            CancelledAt = Fields.OptionalTime(row, SourceFields.CancelledAt, file),
            Cancelled = Fields.OptionalFlag(row, SourceFields.Cancelled, file),
            UpdatedAt = Fields.OptionalTime(row, SourceFields.UpdatedAt, file),
        };
        if (_attributes.Length > 0)
        {
            var attributes = new Dictionary<string, string?>(_attributes.Length, StringComparer.Ordinal);
            foreach (string column in _attributes)
            {
                string? value = row.Get(column)?.Trim();
                attributes[column] = string.IsNullOrEmpty(value) ? null : _redact ? PiiRedactor.Redact(value) : value;
            }

            customer.Attributes = System.Text.Json.JsonSerializer.Serialize(attributes);
        }

        customer.RowHash = StableHash.OfValues(
            customer.CustomerId, customer.SignupAt?.Ticks.ToString(), customer.Segment, customer.CancelledAt?.Ticks.ToString(), customer.Cancelled?.ToString(), customer.Attributes);
        return customer;
    }
}
