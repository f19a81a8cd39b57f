using Hangfire;
using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>
/// A Hangfire job that runs one stage of a run and nothing else: the logic lives in the pipeline. Each
/// stage has its own job class so the dashboard names it.
/// </summary>
public abstract class StageJob(PipelineRunner runner, JobLocks locks)
{
    /// <summary>The stage this job runs; one of <see cref="PipelineStages.Order"/>.</summary>
    public abstract string Stage { get; }

    // Retries cover transient faults (a locked file, a restarted worker); a stage re-run for the same
    // run id rewrites the same tables, so a retry or a duplicate does no harm. Bad data is not transient:
    // it fails at once, with the file, row and field in the dashboard. One stage at a time writes the lake.
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [15, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail, ExceptOn = [typeof(InvalidDataException)])]
    public async Task RunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(JobLocks.Lake, cancellationToken);
        await ExecuteAsync(runId, cancellationToken);
    }

    /// <summary>The stage's work; a stage that fans out into shards overrides it.</summary>
    protected virtual Task ExecuteAsync(string runId, CancellationToken cancellationToken) => runner.RunStageAsync(Stage, runId, cancellationToken);
}
