using Hangfire;
using Insight.Host.Hosting;
using Insight.Pipeline;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Insight.Host.Jobs;

/// <summary>
/// Locks a job holds across servers while it runs: <see cref="Lake"/> for every job that writes the lake
/// (one writer at a time), one per shard so a shard never runs twice at once.
/// On PostgreSQL the lock is a session advisory lock on a connection of the job's own, so it lasts exactly
/// as long as the job, however long that is, and goes with the connection when a server dies. (The locks
/// Hangfire.PostgreSql takes for DisableConcurrentExecution expire after a fixed time instead: a job longer
/// than that would lose its lock, and a dead server's lock would block everyone until then.) The key
/// includes Hangfire's schema, so installations sharing a database do not block each other.
/// In memory (one process) it is Hangfire's own distributed lock.
/// </summary>
public sealed class JobLocks(JobStorage storage, IOptions<HangfireOptions> options)
{
    public const string Lake = "insight:lake";

    /// <summary>How long a job waits for a lock before it fails (and is retried).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromHours(1);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public async Task<IAsyncDisposable> AcquireAsync(string resource, CancellationToken cancellationToken)
    {
        var hangfire = options.Value;
        if (!hangfire.UsesPostgres)
        {
            var connection = storage.GetConnection();
            try
            {
                return new Held(connection.AcquireDistributedLock(resource, Timeout), connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        long key = unchecked((long)StableHash.Of($"{hangfire.Schema}:{resource}"));
        var session = new NpgsqlConnection(hangfire.ConnectionString);
        try
        {
            await session.OpenAsync(cancellationToken);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!await TryLockAsync(session, key, cancellationToken))
            {
                if (waited.Elapsed > Timeout)
                {
                    throw new TimeoutException($"Lock '{resource}' is still held by another job after {Timeout.TotalMinutes:0} minutes.");
                }

                await Task.Delay(Poll, cancellationToken);
            }

            return new AdvisoryLock(session, key);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection session, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", session);
        command.Parameters.AddWithValue("key", key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class Held(IDisposable held, IDisposable connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            held.Dispose();
            connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class AdvisoryLock(NpgsqlConnection session, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", session);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                // Closing ends the session's hold in any case (the pool resets the session).
                await session.DisposeAsync();
            }
        }
    }
}
