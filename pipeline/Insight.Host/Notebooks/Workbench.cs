using System.Globalization;
using Insight.Host.Cli;
using Insight.Host.Hosting;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Insight.Host.Notebooks;

/// <summary>
/// Insight as a notebook uses it: the services of an Insight host over one workspace (the folder whose
/// <c>data/</c>, <c>models/</c> and <c>out/</c> the CLI uses when run from it), configured as the CLI is, with
/// every relative path anchored to the workspace so a notebook's working directory does not matter.
/// </summary>
public sealed class Workbench : IDisposable
{
    /// <summary>Configuration keys holding paths, anchored to the workspace when relative.</summary>
    private static readonly string[] PathKeys =
    [
        $"{LakeOptions.Section}:{nameof(LakeOptions.Folder)}",
        $"{RegistryOptions.Section}:{nameof(RegistryOptions.Folder)}",
        $"{RunOptions.Section}:{nameof(RunOptions.OutputFolder)}",
        $"{DemoOptions.Section}:{nameof(DemoOptions.Folder)}",
        $"{IngestOptions.Section}:{nameof(IngestOptions.Contacts)}:{nameof(SourceOptions.Path)}",
        $"{IngestOptions.Section}:{nameof(IngestOptions.Purchases)}:{nameof(SourceOptions.Path)}",
        $"{IngestOptions.Section}:{nameof(IngestOptions.Customers)}:{nameof(SourceOptions.Path)}",
        $"{IngestOptions.Section}:{nameof(IngestOptions.Truth)}",
        $"{RankingOptions.Section}:{nameof(RankingOptions.FixesFile)}",
    ];

    private readonly IHost _host;

    private Workbench(string workspace, IHost host, bool demo)
    {
        Workspace = workspace;
        _host = host;
        Demo = demo;
    }

    /// <summary>The folder the configuration's relative paths are in.</summary>
    public string Workspace { get; }

    /// <summary>Whether no input is configured, so the workspace runs on the generated demo world.</summary>
    public bool Demo { get; }

    public IServiceProvider Services => _host.Services;

    public ParquetLake Lake => Get<ParquetLake>();

    public ModelRegistry Registry => Get<ModelRegistry>();

    public Champions Champions => Get<Champions>();

    /// <summary>Where runs write their lists and reports.</summary>
    public string OutputFolder => Get<PipelineRunner>().OutputFolder;

    /// <summary>Opens a workspace.</summary>
    /// <param name="workspace">The workspace folder (relative to the working directory: a notebook's own folder).</param>
    /// <param name="configFile">An extra configuration file over <c>config/appsettings.json</c>, relative to the workspace; null or empty for none.</param>
    /// <param name="settings">Settings that win over every file, e.g. <c>["Churn:Trees"] = "200"</c> to train a challenger with other settings.</param>
    public static Workbench Open(string workspace = ".", string? configFile = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        string root = Path.GetFullPath(workspace);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Workspace '{root}' does not exist.");
        }

        string? config = string.IsNullOrWhiteSpace(configFile) ? null : Path.GetFullPath(Path.Combine(root, configFile));
        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        var (configuration, demo) = RunCommand.BuildConfiguration(config, overrides);
        foreach (string key in PathKeys)
        {
            if (configuration[key] is { Length: > 0 } value && !Path.IsPathRooted(value))
            {
                overrides[key] = Path.GetFullPath(Path.Combine(root, value));
            }
        }

        // The workspace's own taxonomy when it has one; otherwise the one shipped beside the assemblies (TaxonomyOptions.Resolve).
        string taxonomyKey = $"{TaxonomyOptions.Section}:{nameof(TaxonomyOptions.Path)}";
        if (configuration[taxonomyKey] is { Length: > 0 } taxonomy && !Path.IsPathRooted(taxonomy) && File.Exists(Path.Combine(root, taxonomy)))
        {
            overrides[taxonomyKey] = Path.Combine(root, taxonomy);
        }

        (configuration, _) = RunCommand.BuildConfiguration(config, overrides);
        return new Workbench(root, InsightHost.Build(configuration), demo);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The bound options of a section, e.g. <c>Options&lt;ChurnOptions&gt;()</c>.</summary>
    public T Options<T>()
        where T : class => Get<IOptions<T>>().Value;

    /// <summary>
    /// The summary of the workspace's latest run. When there is none, runs the pipeline first, every stage in
    /// order as <c>insight run</c> does (generating the demo world when no input is configured).
    /// </summary>
    public async Task<RunSummary> LatestRunAsync(CancellationToken cancellationToken = default)
    {
        var runner = Get<PipelineRunner>();
        if (!File.Exists(Path.Combine(runner.OutputFolder, PipelineRunner.SummaryFile)))
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(Console.Out),
            });
            if (Demo)
            {
                RunCommand.EnsureDemoWorld(Services, console);
            }

            string runId = "notebook-" + Get<TimeProvider>().GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            console.WriteLine($"No run in {Workspace} yet: running the pipeline ({runId})...");
            foreach (string stage in PipelineStages.Order)
            {
                await runner.RunStageAsync(stage, runId, cancellationToken);
            }
        }

        return runner.ReadSummary();
    }

    /// <summary>A lake table (see <see cref="LakeTables"/>), whole.</summary>
    public Task<List<T>> TableAsync<T>(string table, CancellationToken cancellationToken = default)
        where T : class, new() => Lake.ReadAllAsync<T>(table, cancellationToken);

    /// <summary>A list the last run wrote (its Parquet file in the output folder, e.g. <c>upstream-fixes</c>).</summary>
    public async Task<List<T>> OutputAsync<T>(string name, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        string path = Path.Combine(OutputFolder, name + ".parquet");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist: no run has written {name} in this workspace (see LatestRunAsync).", path);
        }

        var rows = new List<T>();
        await foreach (var row in ParquetLake.ReadFileAsync<T>(path, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => _host.Dispose();
}
