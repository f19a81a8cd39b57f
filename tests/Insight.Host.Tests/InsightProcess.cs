using System.Diagnostics;

namespace Insight.Host.Tests;

/// <summary>The <c>insight</c> executable of this build started as a process of its own (so it can be killed), its output drained.</summary>
internal static class InsightProcess
{
    public static Process Start(TestWorkspace workspace, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "insight.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
