using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Resolve;

/// <summary>When contacts count as one issue, and when an issue counts as resolved first time.</summary>
public sealed class ResolutionOptions
{
    public const string Section = "Resolution";

    /// <summary>A contact within this many days of the previous one about the same root cause continues
    /// the same issue; an issue is resolved first time when no such contact follows. The default is 7 days.</summary>
    [Range(1, 90)]
    public int RepeatWindowDays { get; set; } = 7;

    /// <summary>Contacts less than this many minutes apart are one contact passed between agents (a
    /// transfer), not a repeat. The default is 15 minutes.</summary>
    [Range(0, 240)]
    public int TransferWindowMinutes { get; set; } = 15;

    public TimeSpan RepeatWindow => TimeSpan.FromDays(RepeatWindowDays);

    public TimeSpan TransferWindow => TimeSpan.FromMinutes(TransferWindowMinutes);
}
