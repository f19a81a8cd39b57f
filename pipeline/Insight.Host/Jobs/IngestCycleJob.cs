using Hangfire;
using Hangfire.Server;
using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>
/// The frequent recurring job: ingests what is new, and when that brought data no label stage has seen,
/// labels and resolves it and raises alerts, as continuations of itself. Its run id comes from the job's creation time,
/// so a retry works in the same run.
/// </summary>
public sealed class IngestCycleJob(PipelineRunner runner, RunChain chain, JobLocks locks, TimeProvider time)
{
    /// <summary>The stages that follow an ingest that brought new data: alerts are raised in the run that ingested the contacts.</summary>
    public static readonly IReadOnlyList<string> FollowUp = [PipelineStages.Label, PipelineStages.Resolve, PipelineStages.Alerts];

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail, ExceptOn = [typeof(InvalidDataException)])]
    public async Task RunAsync(PerformContext? context, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(JobLocks.Lake, cancellationToken);
        var created = context?.BackgroundJob.CreatedAt ?? time.GetUtcNow().UtcDateTime;
        string runId = RunIds.Ingest(created);
        await runner.RunStageAsync(PipelineStages.Ingest, runId, cancellationToken);
        if (runner.HasUnlabelledData())
        {
            chain.Enqueue(runId, FollowUp, after: context?.BackgroundJob.Id);
        }
    }
}

/// <summary>Run ids of scheduled jobs: from the window a job is for, so a retry or a duplicate lands in the same run.</summary>
public static class RunIds
{
    public static string Ingest(DateTime createdUtc) => $"ingest-{createdUtc:yyyyMMdd-HHmmss}";

    /// <summary>A once-a-day run: its kind and its day in the schedule's time zone.</summary>
    public static string OfDay(string kind, DateTime createdUtc, TimeZoneInfo timeZone) => $"{kind}-{TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(createdUtc, DateTimeKind.Utc), timeZone):yyyyMMdd}";
}
