using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CsvHelper;
using Insight.Host.Hosting;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight benchmark ingest</c>: ingests a large generated contacts export several times, each run in a
/// child process of its own into an empty lake, and reports rows/s, MB/s and peak memory (medians).
/// The export repeats the demo world's multi-turn transcripts (with their e-mails, phone and card
/// numbers) under fresh ids, so the text is what ingest really sees.
/// </summary>
public sealed class BenchmarkCommand(IAnsiConsole console)
{
    /// <summary>Targets of issue 3 on a 2-core machine.</summary>
    public static readonly TimeSpan TargetTime = TimeSpan.FromSeconds(60);

    public const long TargetPeakBytes = 1L << 30;

    public const int TargetContacts = 1_000_000;

    private const string ManifestFile = "benchmark-export.json";

    /// <summary>One measured run, as the child process prints it.</summary>
    public sealed record RunResult(double Seconds, long Rows, long Bytes, long PeakWorkingSetBytes, long Stored, long Quarantined);

    public async Task<int> ExecuteAsync(string? configFile, int contacts, int files, int runs, int seed, string folder, CancellationToken cancellationToken)
    {
        if (contacts < files || files < 1 || runs < 1)
        {
            console.MarkupLine("[red]--contacts must be at least --files, and --files and --runs at least 1.[/]");
            return 2;
        }

        string export = Path.GetFullPath(Path.Combine(folder, "export"));
        long bytes = EnsureExport(configFile, contacts, files, seed, folder, export);
        console.MarkupLineInterpolated($"Export: {contacts:N0} contacts in {files} CSV files, {bytes / 1e6:N0} MB, in [bold]{export}[/].");
        console.MarkupLineInterpolated($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.");

        var results = new List<RunResult>();
        for (int run = 1; run <= runs; run++)
        {
            string lake = Path.GetFullPath(Path.Combine(folder, "lake"));
            if (Directory.Exists(lake))
            {
                Directory.Delete(lake, recursive: true);
            }

            var result = await RunChildAsync(export, lake, cancellationToken);
            results.Add(result);
            console.MarkupLineInterpolated(
                $"  run {run}: {result.Seconds:0.0} s, {result.Rows / result.Seconds:N0} rows/s, {result.Bytes / 1e6 / result.Seconds:0.0} MB/s, peak {result.PeakWorkingSetBytes / 1048576.0:N0} MiB ({result.Stored:N0} stored, {result.Quarantined:N0} quarantined)");
        }

        double seconds = Median(results.Select(r => r.Seconds));
        double peak = Median(results.Select(r => (double)r.PeakWorkingSetBytes));
        var table = new Table().AddColumns("median of " + runs, "value", "target");
        double scaledTime = seconds * TargetContacts / contacts;
        table.AddRow("seconds", $"{seconds:0.0}", contacts == TargetContacts ? $"< {TargetTime.TotalSeconds:0} ({Verdict(seconds < TargetTime.TotalSeconds)})" : $"< {TargetTime.TotalSeconds:0} for 1M (about {scaledTime:0} s at this rate)");
        table.AddRow("rows/s", $"{Median(results.Select(r => r.Rows / r.Seconds)):N0}", $"> {TargetContacts / TargetTime.TotalSeconds:N0}");
        table.AddRow("MB/s", $"{Median(results.Select(r => r.Bytes / 1e6 / r.Seconds)):0.0}", "");
        table.AddRow("peak memory (MiB)", $"{peak / 1048576.0:N0}", $"< 1,024 ({Verdict(peak < TargetPeakBytes)})");
        console.Write(table);

        string report = Path.Combine(folder, "benchmark-ingest.json");
        await File.WriteAllTextAsync(report, JsonSerializer.Serialize(new
        {
            contacts, files, bytes, cores = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = Environment.Version.ToString(),
            medianSeconds = seconds, medianRowsPerSecond = Median(results.Select(r => r.Rows / r.Seconds)), medianPeakBytes = peak, runs = results,
        }, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        console.MarkupLineInterpolated($"Written to {Path.GetFullPath(report)}.");
        return 0;
    }

    /// <summary>The child: one ingest of the export into the lake, printed as one JSON line.</summary>
    public static async Task<int> SingleRunAsync(string export, string lake, CancellationToken cancellationToken)
    {
        var stage = new IngestStage(
            new ParquetLake(Options.Create(new LakeOptions { Folder = lake })),
            Options.Create(new IngestOptions { Contacts = new SourceOptions { Path = export } }),
            NullLogger<IngestStage>.Instance);
        long bytes = Directory.EnumerateFiles(export, "*.csv").Sum(f => new FileInfo(f).Length);
        var clock = Stopwatch.StartNew();
        var report = await stage.RunAsync(cancellationToken);
        clock.Stop();
        var contacts = report.Sources[0];
        if (contacts.Error is not null)
        {
            await Console.Error.WriteLineAsync(contacts.Error);
            return 1;
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(JsonSerializer.Serialize(new RunResult(clock.Elapsed.TotalSeconds, contacts.RowsRead, bytes, process.PeakWorkingSet64, contacts.RowsStored, contacts.RowsQuarantined)));
        return 0;
    }

    private static async Task<RunResult> RunChildAsync(string export, string lake, CancellationToken cancellationToken)
    {
        string entry = typeof(BenchmarkCommand).Assembly.Location;
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(entry);
        }

        foreach (string arg in new[] { "benchmark", "ingest", "--single-run", lake, "--folder", export })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        string output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        string error = await child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        string? line = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The benchmark run failed (exit {child.ExitCode}): {error}{output}");
        }

        return JsonSerializer.Deserialize<RunResult>(line)!;
    }

    /// <summary>Writes the export unless one of the same size and seed is there; returns its size in bytes.</summary>
    private long EnsureExport(string? configFile, int contacts, int files, int seed, string folder, string export)
    {
        string manifestPath = Path.Combine(folder, ManifestFile);
        string key = $"{contacts}/{files}/{seed}";
        if (File.Exists(manifestPath) && File.ReadAllText(manifestPath) == key && Directory.Exists(export))
        {
            return Directory.EnumerateFiles(export, "*.csv").Sum(f => new FileInfo(f).Length);
        }

        // The demo world's contacts are the templates.
        string demo = Path.Combine(folder, "demo");
        using (var host = InsightHost.Build(InsightConfiguration.Build(configFile)))
        {
            new DemoWorldGenerator(host.Services.GetRequiredService<RootCauseTaxonomy>()).Generate(4_000, 400, seed, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), demo);
        }

        var templates = new List<string[]>();
        string[] header;
        using (var reader = CsvReader.FromFile(Path.Combine(demo, DemoFiles.Contacts), CsvReaderOptions.Default with { Separator = ',' }))
        {
            reader.ReadHeader();
            header = [.. reader.Headers];
            while (reader.Read())
            {
                templates.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
            }
        }

        int id = Array.IndexOf(header, Pipeline.Lake.Columns.ContactId), customer = Array.IndexOf(header, Pipeline.Lake.Columns.CustomerId), started = Array.IndexOf(header, Pipeline.Lake.Columns.StartedAt);
        if (Directory.Exists(export))
        {
            Directory.Delete(export, recursive: true);
        }

        Directory.CreateDirectory(export);
        int perFile = (contacts + files - 1) / files;
        for (int file = 0, written = 0; file < files; file++)
        {
            using var csv = CsvWriter.ToFile(Path.Combine(export, $"contacts-{file:D3}.csv"), CsvWriterOptions.Default with { NewLine = "\n" });
            csv.WriteRecord(header);
            for (int row = 0; row < perFile && written < contacts; row++, written++)
            {
                var fields = (string[])templates[written % templates.Count].Clone();
                int copy = written / templates.Count;
                fields[id] = $"b{written}";
                fields[customer] = $"{fields[customer]}-{copy % 50}";
                fields[started] = DateTime.Parse(fields[started], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)
                    .AddMinutes(copy).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                csv.WriteRecord(fields);
            }
        }

        File.WriteAllText(manifestPath, key);
        return Directory.EnumerateFiles(export, "*.csv").Sum(f => new FileInfo(f).Length);
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
