using Hangfire;
using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>
/// A Hangfire job that runs one stage of a run and nothing else: the logic lives in the pipeline. Each
/// stage has its own job class so the dashboard names it and its lock is its own.
/// </summary>
public abstract class StageJob(PipelineRunner runner)
{
    /// <summary>The stage this job runs; one of <see cref="PipelineStages.Order"/>.</summary>
    public abstract string Stage { get; }

    // Retries cover transient faults (a locked file, a restarted worker); a stage re-run for the same
    // run id rewrites the same tables, so a retry or a duplicate does no harm.
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [15, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution(timeoutInSeconds: 60 * 60)]
    public Task RunAsync(string runId, CancellationToken cancellationToken) => runner.RunStageAsync(Stage, runId, cancellationToken);
}
