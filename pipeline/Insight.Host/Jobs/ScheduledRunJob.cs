using Hangfire;
using Hangfire.Server;
using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>
/// The daily recurring job: a whole run (ingest, label, topics, resolve, churn, rank, summarize) as a
/// chain of stage jobs, under the run id of its day in the schedule's time zone. Run twice on one day, it
/// rewrites the same run with the same outputs.
/// </summary>
public sealed class DailyRunJob(RunChain chain, TimeProvider time)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600])]
    public string Run(PerformContext? context, string timeZoneId)
    {
        var created = context?.BackgroundJob.CreatedAt ?? time.GetUtcNow().UtcDateTime;
        string runId = RunIds.Daily(created, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
        chain.Enqueue(runId, PipelineStages.Order, after: context?.BackgroundJob.Id);
        return runId;
    }
}
