using Hangfire;
using Hangfire.Storage;
using Insight.Host.Jobs;

namespace Insight.Host.Serve;

/// <summary>
/// Makes Hangfire's recurring jobs match the configuration at start-up: enabled jobs are added or
/// updated under their stable ids (a changed cron or time zone takes effect), and Insight's recurring
/// jobs that are disabled or no longer configured are removed.
/// </summary>
public static class RecurringSchedule
{
    public const string Ingest = "ingest";
    public const string Daily = ScheduledRunJob.Daily;
    public const string Retrain = ScheduledRunJob.Retrain;

    /// <summary>The recurring jobs there are: the frequent ingest (with label and resolve after new data), the daily run and the retrain.</summary>
    public static readonly IReadOnlyList<string> Kinds = [Ingest, Daily, Retrain];

    /// <summary>Applies the schedule; returns the ids now scheduled. Throws <see cref="InvalidDataException"/> naming the key of a bad entry.</summary>
    public static IReadOnlyList<string> Apply(IRecurringJobManager manager, JobStorage storage, ScheduleOptions options)
    {
        var scheduled = new List<string>();
        foreach (var (id, job) in options.Jobs.OrderBy(j => j.Key, StringComparer.Ordinal))
        {
            string key = $"{ScheduleOptions.Section}:Jobs:{id}";
            string? kind = Kinds.FirstOrDefault(k => k.Equals(id, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException($"{key}: there is no job '{id}'; the jobs are {string.Join(", ", Kinds)}.");
            if (!job.Enabled)
            {
                continue;
            }

            TimeZoneInfo timeZone;
            try
            {
                timeZone = TimeZoneInfo.FindSystemTimeZoneById(job.TimeZone);
            }
            catch (TimeZoneNotFoundException)
            {
                throw new InvalidDataException($"{key}:TimeZone: '{job.TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/London).");
            }

            var recurring = new RecurringJobOptions { TimeZone = timeZone, MisfireHandling = MisfireHandlingMode.Relaxed };
            try
            {
                if (kind == Ingest)
                {
                    manager.AddOrUpdate<IngestCycleJob>(kind, "default", j => j.RunAsync(null, CancellationToken.None), job.Cron, recurring);
                }
                else
                {
                    manager.AddOrUpdate<ScheduledRunJob>(kind, "default", j => j.Run(null, kind, timeZone.Id), job.Cron, recurring);
                }
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{key}:Cron: '{job.Cron}' is not a valid cron expression ({e.Message})", e);
            }

            scheduled.Add(kind);
        }

        using var connection = storage.GetConnection();
        foreach (var existing in connection.GetRecurringJobs())
        {
            bool ours = Kinds.Contains(existing.Id, StringComparer.Ordinal) || existing.Job?.Type.Assembly == typeof(RecurringSchedule).Assembly;
            if (ours && !scheduled.Contains(existing.Id, StringComparer.Ordinal))
            {
                manager.RemoveIfExists(existing.Id);
            }
        }

        return scheduled;
    }
}
