using System.Text;
using Insight.Host.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Insight.Host.Tests.Cli;

/// <summary>Runs <c>insight run</c> twice on a small demo world (1,500 customers, 400 days, seed 42).</summary>
public sealed class RunCommandFixture : IAsyncLifetime
{
    internal TestWorkspace Workspace { get; } = new();

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    public Dictionary<string, byte[]> FirstRunOutputs { get; } = [];

    public int SecondExitCode { get; private set; }

    /// <summary>The run summary of the first run (the second run's summary replaces it on disk).</summary>
    public string FirstRunSummary { get; private set; } = "";

    public static Action<IServiceCollection> FixedTime => services =>
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 2, 10, 6, 0, 0, TimeSpan.Zero)));

    public async Task InitializeAsync()
    {
        var console = new TestConsole();
        ExitCode = await new RunCommand(console.Console).ExecuteAsync(Workspace.ConfigFile, CancellationToken.None, FixedTime);
        Output = console.Output;
        foreach (string file in Directory.EnumerateFiles(Workspace.OutputFolder))
        {
            FirstRunOutputs[Path.GetFileName(file)] = await File.ReadAllBytesAsync(file);
        }

        FirstRunSummary = Encoding.UTF8.GetString(FirstRunOutputs["run-summary.json"]);
        SecondExitCode = await new RunCommand(new TestConsole().Console).ExecuteAsync(Workspace.ConfigFile, CancellationToken.None, FixedTime);
    }

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }
}
