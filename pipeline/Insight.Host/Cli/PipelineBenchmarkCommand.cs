using System.Diagnostics;
using System.Text.Json;
using Insight.Host.Hosting;
using Insight.Host.Notebooks;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Label;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using MathNet.Numerics.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight bench</c>: generates a demo world of the size asked for (and one 10 times smaller), runs every
/// stage of a pass on it into an empty workspace, each stage in a child process of its own so its time and
/// peak memory are its own, several times; and reports per stage and end to end the medians of wall time,
/// rows/s and peak working set, how they grow from the smaller world, and the issue's targets.
/// </summary>
public sealed class PipelineBenchmarkCommand(IAnsiConsole console)
{
    /// <summary>Targets of issue 9 on a 2-core machine.</summary>
    public const double TargetSeconds = 300;

    public const long TargetPeakBytes = 3L << 30;

    public const double TargetLabelledPerSecond = 20_000;

    public const double TargetScoredPerSecond = 100_000;

    /// <summary>Growth of time allowed for 10 times the data (cost linear in the size).</summary>
    public const double TargetGrowth = 10;

    /// <summary>Days of history of the generated worlds: about 20 purchases per customer.</summary>
    public const int Days = 1_100;

    /// <summary>Contacts per customer the demo world makes over <see cref="Days"/> at a contact rate of 1 (measured: 10,000 customers made 95,000 contacts at 3.0).</summary>
    public const double ContactsPerCustomerAtRate1 = 3.17;

    private const string RunId = "bench";


    /// <summary>One stage in one child process, as the child prints it.</summary>
    /// <param name="Stage">The stage.</param>
    /// <param name="Seconds">Wall time of the stage (<see cref="PipelineRunner.RunStageAsync"/>).</param>
    /// <param name="PeakWorkingSetBytes">The child process's peak working set.</param>
    /// <param name="CpuSeconds">Processor time of the child process, all threads.</param>
    /// <param name="AllocatedBytes">Bytes allocated on the managed heap during the stage.</param>
    /// <param name="Throughput">Label: contacts labelled per second of labelling (training excluded); churn: customers scored per second of scoring; null elsewhere.</param>
    /// <param name="GcPauseSeconds">Time the runtime paused the stage's threads to collect garbage.</param>
    /// <param name="Gen0">Generation-0 collections during the stage (each also counted in <paramref name="Gen1"/> or <paramref name="Gen2"/> when it went that deep).</param>
    /// <param name="Gen1">Generation-1 collections.</param>
    /// <param name="Gen2">Generation-2 (full) collections.</param>
    public sealed record StageResult(string Stage, double Seconds, long PeakWorkingSetBytes, double CpuSeconds, long AllocatedBytes, double? Throughput,
        double GcPauseSeconds = 0, int Gen0 = 0, int Gen1 = 0, int Gen2 = 0);

    /// <summary>The world a size ran on.</summary>
    public sealed record World(int Customers, long Contacts, long Purchases, double ContactRate, int Days, int Seed);

    /// <summary>Medians of one stage at one size.</summary>
    public sealed record StageMedians(string Stage, string Unit, long Rows, double Seconds, double RowsPerSecond, double PeakBytes, double CpuSeconds, double? Throughput);

    /// <summary>One size: its world, the runs and the medians.</summary>
    public sealed record SizeResult(World World, List<List<StageResult>> Runs, List<StageMedians> Stages, double Seconds, double ContactsPerSecond, double PeakBytes);

    public async Task<int> ExecuteAsync(int contacts, int customers, int runs, int smaller, int seed, string folder, string output, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        if (customers < 100 || contacts < customers / 10 || runs < 1 || smaller < 1)
        {
            console.MarkupLine("[red]--customers must be at least 100, --contacts at least a tenth of --customers, and --runs and --smaller at least 1.[/]");
            return 2;
        }

        if (!InsightCommandLine.TryParsePairs(settings, StringComparer.OrdinalIgnoreCase, out _, out string? bad))
        {
            console.MarkupLineInterpolated($"[red]--set '{bad}' is not key=value.[/]");
            return 2;
        }


        string root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        InsightCommandLine.FitRedirected(console, 140);

        string machine = BenchmarkRuns.Machine();
        console.MarkupLineInterpolated($"Machine: {machine}.");
        var sizes = smaller > 1 ? new[] { (customers / smaller, contacts / smaller), (customers, contacts) } : [(customers, contacts)];
        var results = new List<SizeResult>();
        foreach (var (sizeCustomers, sizeContacts) in sizes)
        {
            results.Add(await MeasureSizeAsync(sizeCustomers, sizeContacts, runs, seed, root, settings, cancellationToken));
        }

        var full = results[^1];
        var small = results.Count > 1 ? results[0] : null;
        PrintStages(results);

        var throughputs = full.Stages.ToDictionary(s => s.Stage, s => s.Throughput);
        double labelled = throughputs.GetValueOrDefault(PipelineStages.Label) ?? 0;
        double scored = throughputs.GetValueOrDefault(PipelineStages.Churn) ?? 0;
        double? growth = small is null ? null : full.Seconds / small.Seconds;
        double? memoryGrowth = small is null ? null : full.PeakBytes / small.PeakBytes;
        double sizeGrowth = small is null ? 1 : (double)full.World.Contacts / small.World.Contacts;
        var targets = new List<Target>
        {
            new("end to end (s)", $"{full.Seconds:0.0}", $"< {TargetSeconds:0}", full.Seconds < TargetSeconds),
            new("peak memory, any stage (MiB)", $"{full.PeakBytes / 1048576.0:N0}", $"< {TargetPeakBytes / 1048576:N0}", full.PeakBytes < TargetPeakBytes),
            new("labelling (contacts/s)", $"{labelled:N0}", $">= {TargetLabelledPerSecond:N0}", labelled >= TargetLabelledPerSecond),
            new("churn scoring (customers/s)", $"{scored:N0}", $">= {TargetScoredPerSecond:N0}", scored >= TargetScoredPerSecond),
        };
        if (growth is { } g && memoryGrowth is { } m)
        {
            targets.Add(new($"time growth for {sizeGrowth:0.0}x the contacts", $"{g:0.0}x", $"<= {TargetGrowth * sizeGrowth / 10:0.0}x", g <= TargetGrowth * sizeGrowth / 10));
            targets.Add(new($"memory growth for {sizeGrowth:0.0}x the contacts", $"{m:0.0}x", $"much less than {sizeGrowth:0.0}x (< {sizeGrowth / 2:0.0}x)", m < sizeGrowth / 2));
        }

        var verdicts = new Table().AddColumns($"{full.World.Contacts:N0} contacts, median of {runs}", "value", "target", "verdict");
        foreach (var target in targets)
        {
            verdicts.AddRow(target.Name, target.Value, target.Goal, BenchmarkRuns.Verdict(target.Met));
        }

        console.Write(verdicts);
        bool pass = targets.All(t => t.Met);
        console.MarkupLine(pass ? "[green]PASS[/]" : "[red]FAIL[/]");

        string report = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        await File.WriteAllTextAsync(report, JsonSerializer.Serialize(new
        {
            machine, cores = Environment.ProcessorCount, runs, seed, settings, pass,
            targets = targets.Select(t => new { t.Name, t.Value, t.Goal, t.Met }),
            timeGrowth = growth, memoryGrowth, sizes = results,
        }, BenchmarkRuns.Json), cancellationToken);
        console.MarkupLineInterpolated($"Written to {report}.");
        return 0;
    }

    /// <summary>The child: one stage of the workspace's run, printed as one JSON line.</summary>
    public static async Task<int> StageRunAsync(string stage, string workspace, string world, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        InsightCommandLine.TryParsePairs(settings, StringComparer.OrdinalIgnoreCase, out var values, out _);
        using var bench = OpenOnWorld(workspace, world, values);
        var runner = bench.Get<PipelineRunner>();
        var heap = BenchmarkRuns.GcCounters.Now();
        var clock = Stopwatch.StartNew();
        await runner.RunStageAsync(stage, RunId, cancellationToken);
        clock.Stop();
        var gc = heap.Since();
        var log = bench.Get<RunLog>();
        double? throughput = stage switch
        {
            PipelineStages.Label => log.ReadReport<LabelReport>(RunId, stage).LabelledPerSecond,
            PipelineStages.Churn => log.ReadReport<ChurnReport>(RunId, stage).Timings?.ScoredPerSecond,
            _ => null,
        };
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(
            new StageResult(stage, clock.Elapsed.TotalSeconds, process.PeakWorkingSet64, process.TotalProcessorTime.TotalSeconds,
                gc.AllocatedBytes, throughput, gc.PauseSeconds, gc.Gen0, gc.Gen1, gc.Gen2),
            BenchmarkRuns.JsonLine));
        return 0;
    }

    /// <summary>Runs every stage <paramref name="runs"/> times on the world of one size (<paramref name="settings"/>: the <c>--set</c> configuration every stage runs with).</summary>
    private async Task<SizeResult> MeasureSizeAsync(int customers, int contacts, int runs, int seed, string root, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        string worldFolder = Path.Combine(root, $"world-{customers}-{contacts}");
        var world = EnsureWorld(customers, contacts, seed, worldFolder, console);
        console.MarkupLineInterpolated(
            $"World: {world.Customers:N0} customers, {world.Contacts:N0} contacts, {world.Purchases:N0} purchases over {world.Days:N0} days (contact rate {world.ContactRate:0.00}) in [bold]{worldFolder}[/].");
        string workspace = Path.Combine(root, $"workspace-{customers}-{contacts}");
        var measured = new List<List<StageResult>>();
        for (int run = 1; run <= runs; run++)
        {
            // An empty workspace each time: no lake, no registry, no outputs; the first pass of a new installation.
            EmptyFolder(workspace);
            var stages = new List<StageResult>();
            foreach (string stage in PipelineStages.Order)
            {
                string line = await BenchmarkRuns.RunChildAsync(["bench", "--stage", stage, "--workspace", workspace, "--world", worldFolder, .. settings.SelectMany(s => new[] { "--set", s })], cancellationToken);
                stages.Add(JsonSerializer.Deserialize<StageResult>(line, BenchmarkRuns.JsonLine)!);
            }

            measured.Add(stages);
            console.MarkupLineInterpolated(
                $"  run {run} of {runs}: {stages.Sum(s => s.Seconds):0.0} s ({string.Join(", ", stages.Select(s => $"{s.Stage} {s.Seconds:0.0}"))}), peak {stages.Max(s => s.PeakWorkingSetBytes) / 1048576.0:N0} MiB");
        }

        var medians = PipelineStages.Order.Select((stage, i) =>
        {
            var (unit, rows) = RowsOf(stage, world);
            var of = measured.Select(r => r[i]).ToList();
            double seconds = Statistics.Median(of.Select(s => s.Seconds));
            var throughputs = of.Where(s => s.Throughput is not null).Select(s => s.Throughput!.Value).ToList();
            return new StageMedians(stage, unit, rows, seconds, rows / Math.Max(seconds, 1e-6), Statistics.Median(of.Select(s => (double)s.PeakWorkingSetBytes)),
                Statistics.Median(of.Select(s => s.CpuSeconds)), throughputs.Count > 0 ? Statistics.Median(throughputs) : null);
        }).ToList();
        double total = Statistics.Median(measured.Select(r => r.Sum(s => s.Seconds)));
        double peak = Statistics.Median(measured.Select(r => (double)r.Max(s => s.PeakWorkingSetBytes)));
        return new SizeResult(world, measured, medians, total, world.Contacts / total, peak);
    }

    /// <summary>A workspace whose inputs are the demo world in <paramref name="world"/>, with <paramref name="settings"/> over the configuration.</summary>
    internal static Workbench OpenOnWorld(string workspace, string world, IReadOnlyDictionary<string, string>? settings = null)
    {
        var configuration = (settings ?? new Dictionary<string, string>()).ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.OrdinalIgnoreCase);
        configuration[$"{DemoOptions.Section}:{nameof(DemoOptions.Folder)}"] = world;
        return Workbench.Open(workspace, settings: configuration);
    }

    /// <summary>Deletes the folder if it exists and creates it empty.</summary>
    internal static void EmptyFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
    }

    /// <summary>What a stage's rows/s counts: every input row for ingest, customers for churn scoring, contacts for the rest.</summary>
    private static (string Unit, long Rows) RowsOf(string stage, World world) => stage switch
    {
        PipelineStages.Ingest => ("input rows", world.Contacts + world.Purchases + world.Customers),
        PipelineStages.Churn => ("customers", world.Customers),
        _ => ("contacts", world.Contacts),
    };

    /// <summary>The demo world for the size, generated unless the one in the folder was made the same way.</summary>
    internal static World EnsureWorld(int customers, int contacts, int seed, string folder, IAnsiConsole console)
    {
        double rate = Math.Round(Math.Clamp((double)contacts / customers / ContactsPerCustomerAtRate1, DemoWorldGenerator.MinContactRate, DemoWorldGenerator.MaxContactRate), 3);
        var options = new DemoOptions { Customers = customers, Days = Days, Seed = seed, ContactRate = rate, Folder = folder };
        using var host = InsightHost.Build(InsightConfiguration.Build(null));
        var taxonomy = host.Services.GetRequiredService<RootCauseTaxonomy>();
        var manifest = DemoWorldGenerator.CurrentManifest(options, taxonomy.Version);
        if (manifest is null)
        {
            var clock = Stopwatch.StartNew();
            manifest = new DemoWorldGenerator(taxonomy).Generate(customers, Days, seed, options.Start, folder, rate);
            console.MarkupLineInterpolated($"Generated the world in {clock.Elapsed.TotalSeconds:0.0} s.");
        }

        return new World(manifest.Customers, manifest.Contacts, manifest.Purchases, rate, Days, seed);
    }

    private void PrintStages(List<SizeResult> results)
    {
        var table = new Table().AddColumn("stage").AddColumn("rows");
        foreach (var size in results)
        {
            string label = $"{size.World.Contacts / 1000.0:N0}k";
            table.AddColumn($"{label} s").AddColumn($"{label} rows/s").AddColumn($"{label} MiB");
        }

        if (results.Count > 1)
        {
            table.AddColumn("time x");
        }

        for (int i = 0; i < PipelineStages.Order.Count; i++)
        {
            var cells = new List<string> { results[^1].Stages[i].Stage, results[^1].Stages[i].Unit };
            foreach (var size in results)
            {
                var s = size.Stages[i];
                cells.AddRange([$"{s.Seconds:0.0}", $"{s.RowsPerSecond:N0}", $"{s.PeakBytes / 1048576.0:N0}"]);
            }

            if (results.Count > 1)
            {
                cells.Add($"{results[^1].Stages[i].Seconds / Math.Max(results[0].Stages[i].Seconds, 1e-6):0.0}");
            }

            table.AddRow([.. cells]);
        }

        var total = new List<string> { "end to end", "contacts" };
        foreach (var size in results)
        {
            total.AddRange([$"{size.Seconds:0.0}", $"{size.ContactsPerSecond:N0}", $"{size.PeakBytes / 1048576.0:N0}"]);
        }

        if (results.Count > 1)
        {
            total.Add($"{results[^1].Seconds / results[0].Seconds:0.0}");
        }

        table.AddRow([.. total]);
        console.Write(table);
    }

    private sealed record Target(string Name, string Value, string Goal, bool Met);
}
