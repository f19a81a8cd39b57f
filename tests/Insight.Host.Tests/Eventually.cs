using System.Diagnostics;

namespace Insight.Host.Tests;

/// <summary>Polls a condition that background work (a Hangfire server, another process) will make true.</summary>
internal static class Eventually
{
    /// <summary>Returns once <paramref name="done"/> holds; throws a <see cref="TimeoutException"/> saying what was awaited (and <paramref name="explain"/>) after <paramref name="patience"/>.</summary>
    public static async Task UntilAsync(Func<bool> done, TimeSpan patience, string what, Func<string>? explain = null)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > patience)
            {
                throw new TimeoutException($"Waited {patience} for {what}{(explain is null ? "" : $"; {explain()}")}.");
            }

            await Task.Delay(100);
        }
    }
}
