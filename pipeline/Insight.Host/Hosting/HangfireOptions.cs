using System.ComponentModel.DataAnnotations;

namespace Insight.Host.Hosting;

/// <summary>The Hangfire server in this process.</summary>
public sealed class HangfireOptions
{
    public const string Section = "Hangfire";

    /// <summary>Jobs run at once by this process. The default is 2.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;
}
