using Hangfire;
using Hangfire.States;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Run;
using Microsoft.Extensions.Logging;

namespace Insight.Host.Jobs;

/// <summary>
/// Fans a stage out into shard jobs by customer id hash and is their completion step: it enqueues one
/// <see cref="ShardJob"/> per shard (their ids kept in the run's folder), waits until every one succeeded,
/// then merges their output into the run's tables. Servers that share the storage take the shards, so
/// more servers score faster. Run again (a retry, or another server after this one died) it keeps the
/// shards already done or still queued, enqueues again only those that failed or lost their output, and
/// finishes the merge.
/// </summary>
public sealed class ShardedStage(PipelineRunner runner, RunLog log, IBackgroundJobClient client, JobStorage storage, ILogger<ShardedStage> logger)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>States of a shard job that will still run (or is running): not enqueued again.</summary>
    private static readonly HashSet<string> Alive = [EnqueuedState.StateName, ProcessingState.StateName, ScheduledState.StateName, AwaitingState.StateName];

    public async Task RunAsync(string stage, string runId, int count, CancellationToken cancellationToken)
    {
        await runner.PrepareShardsAsync(stage, runId, cancellationToken);
        string planPath = log.ArtifactPath(runId, $"shards/{stage}-jobs.json");
        var plan = JsonFile.Read<ShardPlan>(planPath, RunLog.Json);
        if (plan is null || plan.Jobs.Length != count)
        {
            plan = new ShardPlan(new string?[count]);
        }

        using var connection = storage.GetConnection();
        for (int i = 0; i < count; i++)
        {
            string? state = plan.Jobs[i] is { } id ? connection.GetStateData(id)?.Name : null;
            bool alive = state is not null && Alive.Contains(state);
            bool done = state == SucceededState.StateName && runner.ShardDone(stage, runId, new Shard(i, count));
            if (!alive && !done)
            {
                int index = i;
                plan.Jobs[i] = client.Enqueue<ShardJob>(j => j.RunAsync(stage, runId, index, count, CancellationToken.None));
            }
        }

        JsonFile.Write(planPath, plan, RunLog.Json);
        logger.LogInformation("Run {RunId}: {Stage} fanned out into {Count} shard jobs ({Jobs})", runId, stage, count, string.Join(", ", plan.Jobs));

        while (true)
        {
            int pending = 0;
            for (int i = 0; i < count; i++)
            {
                var state = connection.GetStateData(plan.Jobs[i]!);
                string shard = $"{stage} shard {new Shard(i, count)} (Hangfire job {plan.Jobs[i]})";
                if (state?.Name == FailedState.StateName)
                {
                    string type = (state.Data.TryGetValue("ExceptionType", out var t) ? t : "");
                    string message = $"{shard} failed: {(state.Data.TryGetValue("ExceptionMessage", out var m) ? m : state.Reason)}";
                    // Bad data fails the stage at once, as it would unsharded; anything else is retried, which requeues the shard.
                    throw type == typeof(InvalidDataException).FullName ? new InvalidDataException(message) : new InvalidOperationException(message);
                }

                if (state is null || state.Name == DeletedState.StateName)
                {
                    throw new InvalidOperationException($"{shard} was deleted before it finished.");
                }

                if (state.Name != SucceededState.StateName)
                {
                    pending++;
                }
            }

            if (pending == 0)
            {
                break;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        await runner.CompleteShardsAsync(stage, runId, count, cancellationToken);
        File.Delete(planPath);
    }

    /// <summary>The Hangfire job of each shard, in shard order.</summary>
    private sealed record ShardPlan(string?[] Jobs);
}
