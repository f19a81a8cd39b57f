using Hangfire;
using Hangfire.Server;
using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>
/// A recurring run as a chain of stage jobs under the run id of its day in the schedule's time zone:
/// <see cref="Daily"/> scores and ranks with the latest churn model (<see cref="PipelineStages.Daily"/>);
/// <see cref="Retrain"/> brings the lake up to date and trains a new one (<see cref="PipelineStages.Retrain"/>).
/// Run twice on one day, it rewrites the same run with the same outputs.
/// </summary>
public sealed class ScheduledRunJob(RunChain chain, TimeProvider time)
{
    public const string Daily = "daily";
    public const string Retrain = "retrain";

    public static IReadOnlyList<string> StagesOf(string kind) => kind switch
    {
        Daily => PipelineStages.Daily,
        Retrain => PipelineStages.Retrain,
        _ => throw new ArgumentException($"There is no scheduled run '{kind}'; the runs are {Daily} and {Retrain}.", nameof(kind)),
    };

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600])]
    public string Run(PerformContext? context, string kind, string timeZoneId)
    {
        var stages = StagesOf(kind);
        var created = context?.BackgroundJob.CreatedAt ?? time.GetUtcNow().UtcDateTime;
        string runId = RunIds.OfDay(kind, created, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
        chain.Enqueue(runId, stages, after: context?.BackgroundJob.Id);
        return runId;
    }
}
