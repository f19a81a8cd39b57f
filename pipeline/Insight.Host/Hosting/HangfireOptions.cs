using System.ComponentModel.DataAnnotations;

namespace Insight.Host.Hosting;

/// <summary>The Hangfire server in this process and the storage it shares with other servers.</summary>
public sealed class HangfireOptions
{
    public const string Section = "Hangfire";

    /// <summary>Jobs run at once by this process. The default is 2.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// A PostgreSQL connection string: when set, jobs, schedules and locks live in that database and every
    /// <c>insight serve</c> pointed at it shares the work. Empty: in-memory storage, one process. Set it with
    /// the environment variable <c>INSIGHT__Hangfire__ConnectionString</c>, never in a committed file.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The PostgreSQL schema of Hangfire's tables.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]*$", ErrorMessage = "Hangfire:Schema must be a lower-case SQL identifier.")]
    public string Schema { get; set; } = "hangfire";

    /// <summary>
    /// PostgreSQL: how long a job fetched by a server that stopped sending heartbeats stays invisible before
    /// another server takes it. The running server keeps extending it (sliding), so a long job is never
    /// taken twice; a crashed server's job is taken over after this long.
    /// </summary>
    [Range(5, 24 * 60 * 60)]
    public int InvisibilityTimeoutSeconds { get; set; } = 300;

    /// <summary>On shutdown, how long a running job may take to finish before it is cancelled and released back to its queue.</summary>
    [Range(1, 60 * 60)]
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Shard jobs the churn scoring fans out into, by customer id hash, with a completion step that merges
    /// them; every server on the same storage takes shards, so adding servers adds throughput. 1: one job.
    /// </summary>
    [Range(1, 256)]
    public int Shards { get; set; } = 1;

    /// <summary>This server's name in the dashboard; empty: insight-machine-process.</summary>
    public string ServerName { get; set; } = "";

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(ConnectionString);
}
