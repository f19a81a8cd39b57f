using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Ingest;

/// <summary>
/// The exports to ingest. When <see cref="Contacts"/> is empty, <c>insight run</c> generates the demo
/// world and points these at its files.
/// </summary>
public sealed class IngestOptions
{
    public const string Section = "Input";

    /// <summary>CSV of contacts (contact_id, customer_id, started_at, channel, transcript, and optional agent_id, queue, disposition, handle_seconds). The default is empty: use the demo world.</summary>
    public string Contacts { get; set; } = "";

    /// <summary>CSV of purchases (order_id, customer_id, ordered_at, amount, and optional status). The default is empty.</summary>
    public string Purchases { get; set; } = "";

    /// <summary>CSV of customers (customer_id, and optional signup_at, segment, cancelled_at). Optional. The default is empty.</summary>
    public string Customers { get; set; } = "";

    /// <summary>Folder with the demo world's truth, for evaluation only. Optional. The default is empty.</summary>
    public string Truth { get; set; } = "";

    /// <summary>Field separator of the CSV files. The default is a comma.</summary>
    [Required]
    public string Separator { get; set; } = ",";

    /// <summary>Longest transcript kept, in characters; a longer one is quarantined. The default is 200,000.</summary>
    [Range(100, 10_000_000)]
    public int MaxTranscriptLength { get; set; } = 200_000;

    /// <summary>Channels a contact may have. The default is phone, chat, email and self-service.</summary>
    [MinLength(1)]
    public string[] Channels { get; set; } = ["phone", "chat", "email", "self-service"];
}
