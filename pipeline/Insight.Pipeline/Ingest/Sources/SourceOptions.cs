namespace Insight.Pipeline.Ingest;

/// <summary>
/// One export: where it is, its format, and how its columns map onto Insight's fields
/// (section <c>Input:Contacts</c>, <c>Input:Purchases</c> or <c>Input:Customers</c>).
/// </summary>
public sealed class SourceOptions
{
    /// <summary>
    /// A file, a folder (every file in it of the format, in name order) or a file pattern such as
    /// <c>exports/contacts-*.csv</c>. Empty: no source. Not used for <c>postgres</c>.
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>csv, jsonl, json (one array of records), parquet or postgres. Empty: from the file extension.</summary>
    public string Format { get; set; } = "";

    /// <summary>How to read CSV and other delimited or fixed-width text.</summary>
    public CsvSourceOptions Csv { get; set; } = new();

    /// <summary>The table or query, for the postgres format.</summary>
    public PostgresSourceOptions Postgres { get; set; } = new();

    /// <summary>
    /// Insight field (e.g. <c>ContactId</c>, <c>StartedAt</c>) to where its value is: a column name, a
    /// dotted path into a JSON record (<c>scenario.flow</c>, <c>turns.0.speaker</c>), or a template with
    /// columns in braces (<c>{customer_id}-{@row}</c>; <c>@row</c> is the row number, <c>@file</c> the
    /// file name). A field that is not mapped is read from the column of its own name (<c>contact_id</c>).
    /// </summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Insight field to a value used when the row has none (e.g. a channel for a chat-only export).</summary>
    public Dictionary<string, string> Defaults { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Insight field to a map of source values onto Insight's (e.g. <c>Channel: { "Voice": "phone" }</c>); case-insensitive.</summary>
    public Dictionary<string, Dictionary<string, string>> Values { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// .NET formats of the times (e.g. <c>dd/MM/yyyy HH:mm</c>, <c>yyyyMMdd</c>), tried in order, or
    /// <c>unix-seconds</c> / <c>unix-milliseconds</c>. ISO 8601 is always accepted.
    /// </summary>
    public string[] TimeFormats { get; set; } = [];

    /// <summary>Customers only: source columns kept on each customer as attributes (e.g. contract, plan), usable as
    /// churn features. A missing column is an error; values are redacted like transcripts.</summary>
    public string[] Attributes { get; set; } = [];

    /// <summary>Time zone (IANA, e.g. <c>Europe/Berlin</c>) of times that carry no offset. The default is UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>For contacts: how the transcript is laid out.</summary>
    public TranscriptOptions Transcript { get; set; } = new();

    /// <summary>True when a path, or for postgres a table or query, is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path) || Postgres.IsConfigured;
}

/// <summary>Reading delimited or fixed-width text (CsvHelper).</summary>
public sealed class CsvSourceOptions
{
    /// <summary>Field separator: one character, or <c>\t</c>. The default is a comma.</summary>
    public string Delimiter { get; set; } = ",";

    /// <summary>Quote character. The default is a double quote.</summary>
    public string Quote { get; set; } = "\"";

    /// <summary>rfc4180 (quoted fields, the default), no-escape (TSV-like, no quoting), or fixed-width.</summary>
    public string Mode { get; set; } = "rfc4180";

    /// <summary>Column widths in characters, for fixed-width mode.</summary>
    public int[] FieldWidths { get; set; } = [];

    /// <summary>Text encoding (e.g. utf-8, utf-16, iso-8859-1, windows-1252). The default is UTF-8 (a byte order mark is honoured).</summary>
    public string Encoding { get; set; } = "utf-8";

    /// <summary>Whether the first line is a header. The default is true.</summary>
    public bool HasHeader { get; set; } = true;

    /// <summary>Column names to use instead of the header's (or, without a header, the names of the columns in order).</summary>
    public string[] Names { get; set; } = [];

    /// <summary>Spaces and tabs around unquoted values are removed. The default is true.</summary>
    public bool Trim { get; set; } = true;
}

/// <summary>A PostgreSQL table or query as a source (Npgsql).</summary>
public sealed class PostgresSourceOptions
{
    /// <summary>Npgsql connection string. May also come from the environment (<c>INSIGHT__Input__Contacts__Postgres__ConnectionString</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>A table or view, optionally schema-qualified (<c>support.contacts</c>).</summary>
    public string Table { get; set; } = "";

    /// <summary>A SELECT instead of a table.</summary>
    public string Query { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Table) || !string.IsNullOrWhiteSpace(Query);
}

/// <summary>How a contact's transcript is laid out in the source.</summary>
public sealed class TranscriptOptions
{
    public const string TextShape = "text";
    public const string TaggedShape = "tagged";
    public const string TurnsJsonShape = "turns-json";
    public const string TurnRowsShape = "turn-rows";

    /// <summary>
    /// <c>text</c>: one text; lines starting with a speaker tag (<c>Customer:</c>) are turns, text without tags is the customer's.
    /// <c>tagged</c>: one string with speaker tags anywhere in it (<c>Agent: ... Customer: ...</c>).
    /// <c>turns-json</c>: a JSON array of turns, objects with speaker and text (and optional time) or pairs <c>[speaker, text]</c>.
    /// <c>turn-rows</c>: one row per turn, grouped by contact id (rows of a contact must be consecutive).
    /// </summary>
    public string Shape { get; set; } = TextShape;

    /// <summary>Property or column with the speaker of a turn (turns-json, turn-rows). The default is <c>speaker</c>.</summary>
    public string Speaker { get; set; } = "speaker";

    /// <summary>Property or column with the words of a turn (turns-json, turn-rows). The default is <c>text</c>.</summary>
    public string Text { get; set; } = "text";

    /// <summary>Optional column that orders the turns of a contact (turn-rows): a number or a time.</summary>
    public string Order { get; set; } = "";

    /// <summary>
    /// Speaker values to roles (<c>customer</c>, <c>agent</c> or <c>system</c>), case-insensitive, added to the
    /// built-in ones (customer, caller, user, client; agent, advisor, rep, system, assistant, bot).
    /// For <c>tagged</c>, these are also the tags looked for.
    /// </summary>
    public Dictionary<string, string> Speakers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>For <c>tagged</c>: whether a tag must be followed by a colon (<c>Agent:</c>). The default is true; false reads bare tags (<c>agent hello caller hi</c>).</summary>
    public bool TagColon { get; set; } = true;
}
