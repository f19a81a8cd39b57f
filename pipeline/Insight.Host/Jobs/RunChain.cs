using Hangfire;
using Hangfire.Storage;
using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>
/// Enqueues a run as a chain of stage jobs, each a continuation of the one before, and follows it to the
/// end. The same jobs are what a scheduled service enqueues, so a one-off run and a scheduled one share
/// one code path.
/// </summary>
public sealed class RunChain(IBackgroundJobClient client, JobStorage storage)
{
    /// <summary>
    /// Enqueues stages of the run in order, each a continuation of the one before (all of them by default);
    /// the first one at once, or as a continuation of the job <paramref name="after"/>. Returns the Hangfire
    /// job id per stage.
    /// </summary>
    public IReadOnlyList<(string Stage, string JobId)> Enqueue(string runId, IEnumerable<string>? stages = null, string? after = null)
    {
        var jobs = new List<(string, string)>();
        string? previous = after;
        foreach (string stage in stages ?? PipelineStages.Order)
        {
            previous = stage switch
            {
                PipelineStages.Ingest => Add<IngestJob>(previous, runId),
                PipelineStages.Label => Add<LabelJob>(previous, runId),
                PipelineStages.Topics => Add<TopicsJob>(previous, runId),
                PipelineStages.Resolve => Add<ResolveJob>(previous, runId),
                PipelineStages.Train => Add<TrainJob>(previous, runId),
                PipelineStages.Churn => Add<ChurnJob>(previous, runId),
                PipelineStages.Rank => Add<RankJob>(previous, runId),
                PipelineStages.Alerts => Add<AlertsJob>(previous, runId),
                PipelineStages.Summarize => Add<SummarizeJob>(previous, runId),
                _ => throw new InvalidOperationException($"No job runs stage '{stage}'."),
            };
            jobs.Add((stage, previous));
        }

        return jobs;
    }

    /// <summary>
    /// Waits until the last job succeeds. A job that fails stops the wait with its error, and the rest of
    /// the chain is deleted: a one-off run reports a failure at once instead of waiting for retries.
    /// </summary>
    public async Task WaitAsync(IReadOnlyList<(string Stage, string JobId)> jobs, Action<string, TimeSpan> stageDone, CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        while (true)
        {
            foreach (var (stage, jobId) in jobs)
            {
                if (done.Contains(jobId))
                {
                    continue;
                }

                var state = connection.GetStateData(jobId);
                var details = storage.GetMonitoringApi().JobDetails(jobId);
                var failure = details?.History.FirstOrDefault(h => h.StateName == "Failed");
                if (state?.Name == "Failed" || failure is not null)
                {
                    foreach (var (_, id) in jobs.Where(j => !done.Contains(j.JobId)))
                    {
                        client.Delete(id);
                    }

                    string message = failure?.Data.TryGetValue("ExceptionMessage", out var m) == true ? m : state?.Reason ?? "unknown error";
                    string type = failure?.Data.TryGetValue("ExceptionType", out var t) == true ? t : "";
                    throw new StageFailedException(stage, jobId, $"{type}: {message}".TrimStart(':', ' '));
                }

                if (state?.Name == "Succeeded")
                {
                    done.Add(jobId);
                    var succeeded = details?.History.FirstOrDefault(h => h.StateName == "Succeeded");
                    var processing = details?.History.LastOrDefault(h => h.StateName == "Processing");
                    stageDone(stage, succeeded is not null && processing is not null ? succeeded.CreatedAt - processing.CreatedAt : TimeSpan.Zero);
                }
            }

            if (done.Count == jobs.Count)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private string Add<TJob>(string? parent, string runId)
        where TJob : StageJob =>
        parent is null
            ? client.Enqueue<TJob>(j => j.RunAsync(runId, CancellationToken.None))
            : client.ContinueJobWith<TJob>(parent, j => j.RunAsync(runId, CancellationToken.None));
}
