using Hangfire;
using Insight.Pipeline.Run;

namespace Insight.Host.Jobs;

/// <summary>
/// One shard of a sharded stage (<see cref="ShardedStage"/>): any server's worker takes it. It writes only
/// its own shard's tables, so it does not take the lake lock (the stage job that enqueued it holds that
/// until the shards are merged); a lock of its own keeps one copy of it running at a time.
/// </summary>
public sealed class ShardJob(PipelineRunner runner, JobLocks locks)
{
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [15, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail, ExceptOn = [typeof(InvalidDataException)])]
    public async Task RunAsync(string stage, string runId, int index, int count, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync($"insight:shard:{runId}:{stage}:{index}", cancellationToken);
        await runner.RunShardAsync(stage, runId, new Shard(index, count), cancellationToken);
    }
}
