using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Insight.Host.Cli;

/// <summary>What the benchmark commands share: child runs, the machine line, verdicts, JSON and manifests.</summary>
internal static class BenchmarkRuns
{
    /// <summary>Results and manifests.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The one line a child run prints.</summary>
    public static readonly JsonSerializerOptions JsonLine = new(JsonSerializerDefaults.Web);

    /// <summary>Cores, memory, OS, runtime and GC mode, for the printed and saved results.</summary>
    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:0.0} GiB, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC";

    public static string Verdict(bool met) => met ? "PASS" : "FAIL";

    /// <summary>The manifest saved at <paramref name="path"/>, or null when there is none or it cannot be read (generate again).</summary>
    public static T? ReadManifest<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs this program again in a child process with <paramref name="arguments"/> and returns the last JSON line it printed.</summary>
    public static async Task<string> RunChildAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        // This program's entry assembly (insight.dll), run by the same dotnet host; or the apphost itself.
        string entry = typeof(BenchmarkRuns).Assembly.Location;
        string? host = Environment.ProcessPath;
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (host is not null && Path.GetFileNameWithoutExtension(host).Equals(Path.GetFileNameWithoutExtension(entry), StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = host;
        }
        else
        {
            // Under dotnet (or a test host): dotnet insight.dll.
            start.FileName = host is not null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
                ? host
                : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            start.ArgumentList.Add(entry);
        }

        foreach (string arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {start.FileName}.");
        try
        {
            var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = child.StandardError.ReadToEndAsync(cancellationToken);
            await child.WaitForExitAsync(cancellationToken);
            string? line = (await output).Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
            if (child.ExitCode != 0 || line is null)
            {
                throw new InvalidOperationException($"The benchmark run failed (exit {child.ExitCode}): {await error}{await output}");
            }

            return line;
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>The managed heap's counters: bytes allocated, collections per generation and pause time.</summary>
    /// <param name="AllocatedBytes">Bytes allocated on the managed heap.</param>
    /// <param name="Gen0">Generation-0 collections.</param>
    /// <param name="Gen1">Generation-1 collections.</param>
    /// <param name="Gen2">Generation-2 collections.</param>
    /// <param name="PauseSeconds">Time the GC paused the process's threads.</param>
    public sealed record GcCounters(long AllocatedBytes, int Gen0, int Gen1, int Gen2, double PauseSeconds)
    {
        /// <summary>The counters since the process started.</summary>
        public static GcCounters Now() => new(
            GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalSeconds);

        /// <summary>What the heap did between these counters and now.</summary>
        public GcCounters Since()
        {
            var now = Now();
            return new(now.AllocatedBytes - AllocatedBytes, now.Gen0 - Gen0, now.Gen1 - Gen1, now.Gen2 - Gen2, now.PauseSeconds - PauseSeconds);
        }
    }
}
