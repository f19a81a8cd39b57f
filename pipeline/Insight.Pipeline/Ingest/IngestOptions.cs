using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Ingest;

/// <summary>
/// The exports to ingest (section <c>Input</c>). When <see cref="Contacts"/> has no path, <c>insight run</c>
/// generates the demo world and points these at its files.
/// </summary>
public sealed class IngestOptions
{
    public const string Section = "Input";

    /// <summary>Contacts: contact id, customer id, start time, channel, transcript, and optional agent, queue, disposition, handle time.</summary>
    public SourceOptions Contacts { get; set; } = new();

    /// <summary>Purchases: order id, customer id, time, amount, and optional status.</summary>
    public SourceOptions Purchases { get; set; } = new();

    /// <summary>Customers (optional): customer id, and optional signup time, segment, cancellation time.</summary>
    public SourceOptions Customers { get; set; } = new();

    /// <summary>Folder with the demo world's truth, for evaluation only. Optional. The default is empty.</summary>
    public string Truth { get; set; } = "";

    /// <summary>Personal data in transcripts is replaced by typed placeholders before anything is stored.</summary>
    public RedactionOptions Redaction { get; set; } = new();

    /// <summary>Longest transcript kept, in characters; a longer one is quarantined. The default is 200,000.</summary>
    [Range(100, 10_000_000)]
    public int MaxTranscriptLength { get; set; } = 200_000;

    /// <summary>Longest id or code (contact, customer, order, agent, queue, disposition), in characters. The default is 200.</summary>
    [Range(8, 10_000)]
    public int MaxIdLength { get; set; } = 200;

    /// <summary>Channels a contact may have, after the source's value map. The default is phone, chat, email and self-service.</summary>
    [MinLength(1)]
    public string[] Channels { get; set; } = ["phone", "chat", "email", "self-service"];

    /// <summary>The configured sources by the lake table they feed, in ingest order.</summary>
    public IEnumerable<(string Table, SourceOptions Source)> Sources() =>
    [
        (Lake.LakeTables.Contacts, Contacts),
        (Lake.LakeTables.Purchases, Purchases),
        (Lake.LakeTables.Customers, Customers),
    ];
}

/// <summary>Redaction of personal data (section <c>Input:Redaction</c>).</summary>
public sealed class RedactionOptions
{
    /// <summary>On by default. Off only for data that is already anonymised.</summary>
    public bool Enabled { get; set; } = true;
}
