using System.Diagnostics;
using System.Text.Json;
using Insight.Host.Hosting;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Taxonomy;
using MathNet.Numerics.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight benchmark churn</c>: writes a generated lake of purchases and labelled contacts once per size
/// and seed, then runs the churn stage on it several times, each in a child process of its own, and
/// reports medians: reading, training, features of every customer, scoring throughput and peak memory.
/// </summary>
public sealed class ChurnBenchmarkCommand(IAnsiConsole console)
{
    /// <summary>Targets of issue 6 on a 2-core machine.</summary>
    public const double TargetFeatureSeconds = 60;

    public const double TargetScoredPerSecond = 100_000;

    /// <summary>Bump when the generated lake changes, so an old one is not reused.</summary>
    private const int GeneratorVersion = 2;

    private const string ManifestFile = "churn-benchmark-lake.json";
    private const string ResultFile = "benchmark-churn.json";
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Days = 400;

    /// <summary>One measured run, as the child prints it.</summary>
    public sealed record RunResult(double Seconds, int Scored, long PeakWorkingSetBytes, ChurnTimings Timings, double RocAuc);

    private sealed record LakeManifest(int Customers, int Purchases, int Contacts, int Seed, int Generator);

    public async Task<int> ExecuteAsync(int customers, int purchases, int contacts, int runs, int seed, string folder, CancellationToken cancellationToken)
    {
        if (customers < 1_000 || purchases < customers || contacts < 0 || runs < 1)
        {
            console.MarkupLine("[red]--customers must be at least 1,000, --purchases at least --customers, --contacts not negative and --runs at least 1.[/]");
            return 2;
        }

        string lake = Path.GetFullPath(Path.Combine(folder, "churn-lake"));
        var clock = Stopwatch.StartNew();
        bool reused = await EnsureLakeAsync(new LakeManifest(customers, purchases, contacts, seed, GeneratorVersion), folder, lake, cancellationToken);
        console.MarkupLineInterpolated(
            $"Lake: {customers:N0} customers, {purchases:N0} purchases, {contacts:N0} labelled contacts in [bold]{lake}[/] ({(reused ? "reused" : $"generated in {clock.Elapsed.TotalSeconds:0.0} s")}).");
        string machine = BenchmarkRuns.Machine();
        console.MarkupLineInterpolated($"Machine: {machine}.");

        var results = new List<RunResult>();
        var table = new Table().AddColumns("run", "total s", "read s", "training s", "features s", "scoring s", "scored/s", "peak MiB", "AUC");
        for (int run = 1; run <= runs; run++)
        {
            string line = await BenchmarkRuns.RunChildAsync(["benchmark", "churn", "--single-run", lake], cancellationToken);
            var r = JsonSerializer.Deserialize<RunResult>(line, BenchmarkRuns.JsonLine)!;
            results.Add(r);
            var t = r.Timings;
            table.AddRow($"{run}", $"{r.Seconds:0.0}", $"{t.ReadSeconds:0.0}", $"{t.TrainingSeconds:0.0}", $"{t.FeatureSeconds:0.0}", $"{t.ScoringSeconds:0.0}",
                $"{t.ScoredPerSecond:N0}", $"{r.PeakWorkingSetBytes / 1048576.0:N0}", $"{r.RocAuc:0.000}");
        }

        console.Write(table);
        double features = Statistics.Median(results.Select(r => r.Timings.ReadSeconds + r.Timings.FeatureSeconds));
        double perSecond = Statistics.Median(results.Select(r => r.Timings.ScoredPerSecond));
        double peak = Statistics.Median(results.Select(r => (double)r.PeakWorkingSetBytes));
        double total = Statistics.Median(results.Select(r => r.Seconds));
        var medians = new Table().AddColumns($"median of {runs}", "value", "target", "verdict");
        medians.AddRow("read + features of every customer (s)", $"{features:0.0}", $"< {TargetFeatureSeconds:0} (2M purchases, 1M contacts)", BenchmarkRuns.Verdict(features < TargetFeatureSeconds));
        medians.AddRow("scoring (customers/s)", $"{perSecond:N0}", $">= {TargetScoredPerSecond:N0}", BenchmarkRuns.Verdict(perSecond >= TargetScoredPerSecond));
        medians.AddRow("whole stage (s)", $"{total:0.0}", "", "");
        medians.AddRow("peak memory (MiB)", $"{peak / 1048576.0:N0}", "", "");
        console.Write(medians);

        string report = Path.GetFullPath(Path.Combine(folder, ResultFile));
        await File.WriteAllTextAsync(report, JsonSerializer.Serialize(new
        {
            customers, purchases, contacts, seed, machine, cores = Environment.ProcessorCount,
            medianFeatureSeconds = features, medianScoredPerSecond = perSecond, medianSeconds = total, medianPeakBytes = peak,
            targetFeatureSeconds = TargetFeatureSeconds, targetScoredPerSecond = TargetScoredPerSecond, runs = results,
        }, BenchmarkRuns.Json), cancellationToken);
        console.MarkupLineInterpolated($"Written to {report}.");
        return 0;
    }

    /// <summary>The child: one churn stage on the lake, printed as one JSON line.</summary>
    public static async Task<int> SingleRunAsync(string lakeFolder, CancellationToken cancellationToken)
    {
        using var host = HostFor(lakeFolder);
        var stage = host.Services.GetRequiredService<IChurnStage>();
        var clock = Stopwatch.StartNew();
        var report = await stage.RunAsync(Start.AddDays(Days), Path.Combine(lakeFolder, "_benchmark", "churn.zip"), cancellationToken);
        clock.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(
            new RunResult(clock.Elapsed.TotalSeconds, report.Scored, process.PeakWorkingSet64, report.Timings!, report.Validation?.RocAuc ?? 0), BenchmarkRuns.JsonLine));
        return 0;
    }

    /// <summary>Writes the lake unless the one there was generated the same way; true when reused.</summary>
    private static async Task<bool> EnsureLakeAsync(LakeManifest wanted, string folder, string lakeFolder, CancellationToken cancellationToken)
    {
        string manifestPath = Path.Combine(folder, ManifestFile);
        if (Directory.Exists(lakeFolder) && BenchmarkRuns.ReadManifest<LakeManifest>(manifestPath) == wanted)
        {
            return true;
        }

        if (Directory.Exists(lakeFolder))
        {
            Directory.Delete(lakeFolder, recursive: true);
        }

        using var host = HostFor(lakeFolder);
        var lake = host.Services.GetRequiredService<ParquetLake>();
        var taxonomy = host.Services.GetRequiredService<RootCauseTaxonomy>();
        await lake.WriteAsync(LakeTables.Purchases, Purchases(wanted), cancellationToken: cancellationToken);
        await lake.WriteAsync(LakeTables.LabeledContacts, Contacts(wanted, taxonomy), cancellationToken: cancellationToken);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(wanted, BenchmarkRuns.Json), cancellationToken);
        return false;
    }

    /// <summary>The embedded configuration with its lake at <paramref name="lakeFolder"/>.</summary>
    private static Microsoft.Extensions.Hosting.IHost HostFor(string lakeFolder) =>
        InsightHost.Build(InsightConfiguration.Build(null, new Dictionary<string, string?> { [$"{LakeOptions.Section}:{nameof(LakeOptions.Folder)}"] = lakeFolder }));

    private static string CustomerId(int i) => $"B{i:D8}";

    /// <summary>
    /// Purchases are shared out evenly between customers. Each customer is active from a start in the first
    /// 300 days to the end of the log and its horizon, or, for a quarter of them, to a random earlier stop;
    /// their purchases fall at random in that span.
    /// </summary>
    private static IEnumerable<PurchaseRecord> Purchases(LakeManifest m)
    {
        var rng = new Random(m.Seed);
        int written = 0;
        for (int i = 0; i < m.Customers; i++)
        {
            int count = (m.Purchases / m.Customers) + (i < m.Purchases % m.Customers ? 1 : 0);
            double start = rng.NextDouble() * 300;
            double end = rng.NextDouble() < 0.25 ? start + (rng.NextDouble() * (Days + 90 - start)) : Days + 90;
            double amount = 10 + (rng.NextDouble() * 90);
            for (int k = 0; k < count; k++)
            {
                yield return new PurchaseRecord
                {
                    OrderId = $"O{written++:D9}",
                    CustomerId = CustomerId(i),
                    OrderedAt = Start.AddDays(start + (rng.NextDouble() * (end - start))),
                    Amount = Math.Round(amount * (0.5 + rng.NextDouble()), 2),
                    Status = rng.NextDouble() < 0.03 ? PurchaseRecord.Returned : PurchaseRecord.Completed,
                };
            }
        }
    }

    private static IEnumerable<LabeledContact> Contacts(LakeManifest m, RootCauseTaxonomy taxonomy)
    {
        var rng = new Random(m.Seed + 1);
        string[] channels = ["phone", "chat", "email"];
        var rootCauses = taxonomy.RootCauses;
        var painPoints = taxonomy.PainPoints;
        for (int k = 0; k < m.Contacts; k++)
        {
            var rootCause = rootCauses[rng.Next(rootCauses.Count)];
            yield return new LabeledContact
            {
                ContactId = $"K{k:D9}",
                CustomerId = CustomerId(rng.Next(m.Customers)),
                StartedAt = Start.AddDays(rng.NextDouble() * Days),
                Channel = channels[rng.Next(channels.Length)],
                AgentId = $"A{rng.Next(400):D3}",
                RootCause = rootCause.Id,
                Owner = rootCause.Owner,
                Confidence = 0.9f,
                PainPoints = rng.NextDouble() < 0.3 ? painPoints[rng.Next(painPoints.Count)].Id : "",
                Frustration = (float)Math.Round(rng.NextDouble(), 2),
                TaxonomyVersion = taxonomy.Version,
            };
        }
    }
}
