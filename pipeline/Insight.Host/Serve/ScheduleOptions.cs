namespace Insight.Host.Serve;

/// <summary>
/// The recurring jobs <c>insight serve</c> keeps (<c>Schedule:Jobs:&lt;id&gt;</c>). The id names the job
/// and is its stable Hangfire id; see <see cref="RecurringSchedule.Kinds"/>.
/// </summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    public Dictionary<string, ScheduledJobOptions> Jobs { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One recurring job.</summary>
public sealed class ScheduledJobOptions
{
    /// <summary>Cron expression (five fields, or six with seconds), e.g. <c>*/5 * * * *</c>.</summary>
    public string Cron { get; set; } = "";

    /// <summary>Time zone the cron expression is read in (IANA id, e.g. <c>Europe/London</c>).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>False removes the job from the schedule at the next start.</summary>
    public bool Enabled { get; set; } = true;
}
