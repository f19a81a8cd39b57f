using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using MathNet.Numerics.Statistics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Columns = Insight.Pipeline.Lake.Columns;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight benchmark ingest</c>: ingests a large generated contacts export several times, each run in a
/// child process of its own into an empty lake, and reports rows/s, MB/s and peak memory (medians).
/// The export is written once per size, file count and seed: multi-turn transcripts (4 to 10 turns,
/// about 400 to 1,000 characters) composed from the demo world's phrase bank, with e-mail addresses,
/// phone numbers and Luhn-valid card numbers for the redactor to find.
/// </summary>
public sealed class BenchmarkCommand(IAnsiConsole console)
{
    /// <summary>Targets of issue 3 on a 2-core machine.</summary>
    public static readonly TimeSpan TargetTime = TimeSpan.FromSeconds(60);

    public const long TargetPeakBytes = 1L << 30;

    public const int TargetContacts = 1_000_000;

    /// <summary>Bump when the generated export changes, so an old one is not reused.</summary>
    private const int GeneratorVersion = 2;

    private const string ManifestFile = "benchmark-export.json";
    private const string ResultFile = "benchmark-ingest.json";
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";


    /// <summary>One measured run, as the child process prints it.</summary>
    /// <param name="Seconds">Wall time of <see cref="IngestStage.RunAsync"/>.</param>
    /// <param name="Rows">Rows read.</param>
    /// <param name="Bytes">Bytes of CSV read.</param>
    /// <param name="PeakWorkingSetBytes">The child process's peak working set at the end of the run.</param>
    /// <param name="Stored">Rows stored.</param>
    /// <param name="Quarantined">Rows quarantined.</param>
    /// <param name="CpuSeconds">Processor time of the whole child process (all threads).</param>
    /// <param name="AllocatedBytes">Bytes allocated on the managed heap during the run.</param>
    /// <param name="Gen0">Generation 0 collections during the run.</param>
    /// <param name="Gen1">Generation 1 collections during the run.</param>
    /// <param name="Gen2">Generation 2 collections during the run.</param>
    /// <param name="GcPauseSeconds">Time the run's threads were paused by the GC.</param>
    /// <param name="LakeBytes">Bytes of the lake after the run.</param>
    public sealed record RunResult(
        double Seconds, long Rows, long Bytes, long PeakWorkingSetBytes, long Stored, long Quarantined,
        double CpuSeconds = 0, long AllocatedBytes = 0, int Gen0 = 0, int Gen1 = 0, int Gen2 = 0, double GcPauseSeconds = 0, long LakeBytes = 0);

    /// <summary>What the export in the benchmark folder was generated with.</summary>
    private sealed record ExportManifest(int Contacts, int Files, int Seed, int Generator, long Bytes);

    public async Task<int> ExecuteAsync(int contacts, int files, int runs, int seed, string folder, CancellationToken cancellationToken)
    {
        if (contacts < files || files < 1 || runs < 1)
        {
            console.MarkupLine("[red]--contacts must be at least --files, and --files and --runs at least 1.[/]");
            return 2;
        }

        Directory.CreateDirectory(folder);
        string export = Path.GetFullPath(Path.Combine(folder, "export"));
        var (bytes, reused, generateSeconds) = EnsureExport(contacts, files, seed, folder, export);
        console.MarkupLineInterpolated(
            $"Export: {contacts:N0} contacts in {files} CSV files, {bytes / 1e6:N0} MB, in [bold]{export}[/] ({(reused ? "reused" : $"generated in {generateSeconds:0.0} s")}).");
        string machine = BenchmarkRuns.Machine();
        console.MarkupLineInterpolated($"Machine: {machine}.");

        string lake = Path.GetFullPath(Path.Combine(folder, "lake"));
        var results = new List<RunResult>();
        var table = new Table().AddColumns("run", "seconds", "rows/s", "MB/s", "peak MiB", "CPU s", "alloc GB", "GCs 0/1/2", "GC pause s");
        try
        {
            for (int run = 1; run <= runs; run++)
            {
                DeleteLake(lake);
                var result = await RunChildAsync(export, lake, cancellationToken);
                results.Add(result);
                console.MarkupLineInterpolated(
                    $"  run {run} of {runs}: {result.Seconds:0.0} s, {result.Rows:N0} rows read, {result.Stored:N0} stored, {result.Quarantined:N0} quarantined, lake {result.LakeBytes / 1e6:N0} MB");
                table.AddRow(
                    $"{run}", $"{result.Seconds:0.0}", $"{result.Rows / result.Seconds:N0}", $"{result.Bytes / 1e6 / result.Seconds:0.0}",
                    $"{result.PeakWorkingSetBytes / 1048576.0:N0}", $"{result.CpuSeconds:0.0}", $"{result.AllocatedBytes / 1e9:0.0}",
                    $"{result.Gen0}/{result.Gen1}/{result.Gen2}", $"{result.GcPauseSeconds:0.0}");
            }
        }
        finally
        {
            DeleteLake(lake);
        }

        console.Write(table);
        double seconds = Statistics.Median(results.Select(r => r.Seconds));
        double rowsPerSecond = Statistics.Median(results.Select(r => r.Rows / r.Seconds));
        double megabytesPerSecond = Statistics.Median(results.Select(r => r.Bytes / 1e6 / r.Seconds));
        double peak = Statistics.Median(results.Select(r => (double)r.PeakWorkingSetBytes));
        double projected = seconds * TargetContacts / contacts;
        bool timeMet = projected < TargetTime.TotalSeconds;
        bool peakMet = peak < TargetPeakBytes;
        var medians = new Table().AddColumns($"median of {runs}", "value", "target", "verdict");
        medians.AddRow(
            "seconds", $"{seconds:0.0}",
            contacts == TargetContacts ? $"< {TargetTime.TotalSeconds:0} for 1M contacts" : $"< {TargetTime.TotalSeconds:0} for 1M contacts (projected {projected:0} s)",
            BenchmarkRuns.Verdict(timeMet));
        medians.AddRow("rows/s", $"{rowsPerSecond:N0}", $"> {TargetContacts / TargetTime.TotalSeconds:N0}", BenchmarkRuns.Verdict(rowsPerSecond > TargetContacts / TargetTime.TotalSeconds));
        medians.AddRow("MB/s (input)", $"{megabytesPerSecond:0.0}", "", "");
        medians.AddRow("peak memory (MiB)", $"{peak / 1048576.0:N0}", $"< {TargetPeakBytes / 1048576:N0}", BenchmarkRuns.Verdict(peakMet));
        console.Write(medians);
        console.MarkupLine(timeMet && peakMet ? "[green]PASS[/]" : "[red]FAIL[/]");

        string report = Path.GetFullPath(Path.Combine(folder, ResultFile));
        await File.WriteAllTextAsync(report, JsonSerializer.Serialize(new
        {
            contacts, files, seed, bytes, machine, cores = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = Environment.Version.ToString(),
            medianSeconds = seconds, medianRowsPerSecond = rowsPerSecond, medianMegabytesPerSecond = megabytesPerSecond, medianPeakBytes = peak,
            targetSeconds = TargetTime.TotalSeconds, targetPeakBytes = TargetPeakBytes, projectedSecondsFor1M = projected,
            pass = timeMet && peakMet, runs = results,
        }, BenchmarkRuns.Json), cancellationToken);
        console.MarkupLineInterpolated($"Written to {report}.");
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
        var heap = BenchmarkRuns.GcCounters.Now();
        var clock = Stopwatch.StartNew();
        var report = await stage.RunAsync(cancellationToken);
        clock.Stop();
        var gc = heap.Since();
        var contacts = report.Sources.FirstOrDefault(s => s.Source == LakeTables.Contacts);
        if (contacts is null || contacts.Error is not null)
        {
            await Console.Error.WriteLineAsync(contacts?.Error ?? "no contacts source was ingested");
            return 1;
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long lakeBytes = Directory.Exists(lake) ? Directory.EnumerateFiles(lake, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
        var result = new RunResult(
            clock.Elapsed.TotalSeconds, contacts.RowsRead, bytes, process.PeakWorkingSet64, contacts.RowsStored, contacts.RowsQuarantined,
            process.TotalProcessorTime.TotalSeconds, gc.AllocatedBytes, gc.Gen0, gc.Gen1, gc.Gen2, gc.PauseSeconds, lakeBytes);
        Console.WriteLine(JsonSerializer.Serialize(result, BenchmarkRuns.JsonLine));
        return 0;
    }

    /// <summary>Runs <see cref="SingleRunAsync"/> in a new process of this same program, so its peak memory is its own.</summary>
    private static async Task<RunResult> RunChildAsync(string export, string lake, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<RunResult>(await BenchmarkRuns.RunChildAsync(["benchmark", "ingest", "--single-run", lake, "--folder", export], cancellationToken), BenchmarkRuns.JsonLine)!;

    private static void DeleteLake(string lake)
    {
        if (Directory.Exists(lake))
        {
            Directory.Delete(lake, recursive: true);
        }
    }

    /// <summary>Writes the export unless the one there was generated the same way; returns its size in bytes.</summary>
    private static (long Bytes, bool Reused, double Seconds) EnsureExport(int contacts, int files, int seed, string folder, string export)
    {
        string manifestPath = Path.Combine(folder, ManifestFile);
        var wanted = new ExportManifest(contacts, files, seed, GeneratorVersion, 0);
        if (Directory.Exists(export) && BenchmarkRuns.ReadManifest<ExportManifest>(manifestPath) is { } found && found with { Bytes = 0 } == wanted)
        {
            long present = Directory.EnumerateFiles(export, "*.csv").Sum(f => new FileInfo(f).Length);
            if (found.Bytes == present)
            {
                return (present, true, 0);
            }
        }

        var clock = Stopwatch.StartNew();
        File.Delete(manifestPath);
        if (Directory.Exists(export))
        {
            Directory.Delete(export, recursive: true);
        }

        Directory.CreateDirectory(export);
        var generator = new ExportGenerator(seed, contacts);
        string[] header =
        [
            Columns.ContactId, Columns.CustomerId, Columns.StartedAt, Columns.Channel, Columns.AgentId, Columns.Queue, Columns.Disposition,
            Columns.HandleSeconds, Columns.Transcript,
        ];
        int perFile = (contacts + files - 1) / files;
        for (int file = 0, written = 0; file < files; file++)
        {
            using var csv = CsvWriter.ToFile(Path.Combine(export, $"contacts-{file:D3}.csv"), CsvWriterOptions.Default with { NewLine = "\n" });
            csv.WriteRecord(header);
            for (int row = 0; row < perFile && written < contacts; row++, written++)
            {
                csv.WriteRecord(generator.Next(written));
            }
        }

        long bytes = Directory.EnumerateFiles(export, "*.csv").Sum(f => new FileInfo(f).Length);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(wanted with { Bytes = bytes }, BenchmarkRuns.Json));
        return (bytes, false, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Contacts of a contacts export, one after another from one seeded random stream, with transcripts
    /// composed from the demo world's phrase bank (<see cref="DemoScript"/>).
    /// </summary>
    private sealed class ExportGenerator(int seed, int contacts)
    {
        private static readonly string[] AgentNames = ["Sam", "Priya", "Tom", "Aisha", "Marek", "Lucy", "Jon", "Mei", "Carlos", "Femi", "Anna", "Raj"];
        private static readonly string[] FirstNames = ["jane", "mark", "olivia", "ahmed", "li", "sofia", "peter", "grace", "omar", "emma"];
        private static readonly string[] Causes = [.. DemoScript.RootCauses.Keys];
        private static readonly double[] CumulativeWeights = CumulativeOf(Causes);
        private static readonly string[][] PainPoints = [.. DemoScript.PainPoints.Values];
        private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private readonly Random _rng = new(seed);
        private readonly int _customers = Math.Max(1, contacts / 3);
        private readonly StringBuilder _text = new(1_200);
        private readonly StringBuilder _turn = new(400);

        /// <summary>The fields of the contact with 0-based index <paramref name="index"/>.</summary>
        public string[] Next(int index)
        {
            string cause = DrawCause();
            string channel = Channels();
            int agent = _rng.Next(1, 201);
            return
            [
                $"B{index + 1:D8}",
                $"C{_rng.Next(_customers) + 1:D7}",
                Start.AddSeconds(_rng.Next(400 * 86_400)).ToString(TimeFormat, CultureInfo.InvariantCulture),
                channel,
                $"A{agent:D4}",
                QueueOf(cause),
                _rng.NextDouble() < 0.6 ? cause : "",
                (channel switch { "phone" => _rng.Next(240, 900), "chat" => _rng.Next(300, 1200), _ => _rng.Next(90, 400) }).ToString(CultureInfo.InvariantCulture),
                Transcript(cause, AgentNames[agent % AgentNames.Length]),
            ];
        }

        /// <summary>
        /// 4 to 10 turns: a greeting (even counts), the customer's problem, pairs of an agent's check and the
        /// customer's details (order, contact details, card), and the agent's fix or escalation with the
        /// customer's closing; customer turns say more until the transcript reaches a drawn length of 400 to 1,000.
        /// </summary>
        private string Transcript(string cause, string agentName)
        {
            var script = DemoScript.RootCauses[cause];
            string item = Pick(DemoScript.Items);
            string order = _rng.NextDouble() < 0.5 ? $"O{_rng.Next(1, 9_999_999):D7}-{_rng.Next(1, 40):D3}" : $"#{_rng.Next(1, int.MaxValue):D10}";
            int turnCount = _rng.Next(4, 11);
            int target = _rng.Next(400, 1_001);
            var turns = new List<(bool Agent, string Text)>(turnCount);
            if (turnCount % 2 == 0)
            {
                turns.Add((true, Pick(DemoScript.AgentGreetings).Replace("{agent}", agentName, StringComparison.Ordinal)));
            }

            _turn.Clear();
            if (_rng.NextDouble() < 0.4)
            {
                _turn.Append(Pick(DemoScript.SmallTalk)).Append(' ');
            }

            if (_rng.NextDouble() < 0.3)
            {
                _turn.Append(Pick(Pick(PainPoints))).Append(' ');
            }

            _turn.Append(Capitalised(Fill(Pick(script.Statements), item, order))).Append(_rng.NextDouble() < 0.7 ? "." : "!");
            int pairs = (turnCount - turns.Count - 3) / 2;
            if (pairs == 0)
            {
                _turn.Append(' ').Append(Details(order));
            }

            turns.Add((false, _turn.ToString()));
            for (int pair = 0; pair < pairs; pair++)
            {
                turns.Add((true, Pick(DemoScript.AgentChecks)));
                turns.Add((false, pair == 0 ? Details(order) : MoreWords(script, item, order)));
            }

            bool resolved = _rng.NextDouble() < 0.7;
            turns.Add((true, resolved ? script.AgentFix.Replace("{item}", item, StringComparison.Ordinal) : Pick(DemoScript.AgentEscalations)));
            turns.Add((false, Pick(resolved ? DemoScript.CustomerClosings : DemoScript.CustomerUnhappyClosings)));

            // Longer conversations: the customer explains more, in the turns before the closing.
            int length = turns.Sum(t => t.Text.Length + (t.Agent ? 8 : 11));
            for (int guard = 0; length < target && guard < 20; guard++)
            {
                int at = CustomerTurnBeforeClosing(turns);
                string more = " " + MoreWords(script, item, order);
                turns[at] = (false, turns[at].Text + more);
                length += more.Length;
            }

            _text.Clear();
            foreach (var (isAgent, text) in turns)
            {
                _text.Append(isAgent ? "Agent: " : "Customer: ").Append(text).Append('\n');
            }

            return _text.ToString(0, _text.Length - 1);
        }

        private int CustomerTurnBeforeClosing(List<(bool Agent, string Text)> turns)
        {
            var customer = Enumerable.Range(0, turns.Count - 1).Where(i => !turns[i].Agent).ToList();
            return customer[_rng.Next(customer.Count)];
        }

        /// <summary>The order and, for most contacts, an e-mail address, a phone number or a card number.</summary>
        private string Details(string order)
        {
            string details = $"It's order {order}.";
            double pii = _rng.NextDouble();
            return pii switch
            {
                < 0.3 => $"{details} My email is {Pick(FirstNames)}.{Pick(FirstNames)}{_rng.Next(1, 99)}@example.com.",
                < 0.5 => $"{details} You can call me on {(_rng.NextDouble() < 0.5 ? "07700 9" : "+44 7700 9")}{_rng.Next(10_000, 99_999)}.",
                < 0.6 => $"{details} I paid with the card {CardNumber()}.",
                _ => details,
            };
        }

        private string MoreWords(RootCauseScript script, string item, string order) => _rng.Next(4) switch
        {
            0 => Pick(Pick(PainPoints)),
            1 => Pick(DemoScript.SmallTalk),
            _ => Capitalised(Fill(Pick(script.Statements), item, order)) + ".",
        };

        /// <summary>A Luhn-valid test card number (Visa test range), as a customer would read it out.</summary>
        private string CardNumber()
        {
            Span<int> digits = stackalloc int[16];
            digits[0] = 4;
            for (int i = 1; i < 15; i++)
            {
                digits[i] = _rng.Next(10);
            }

            int sum = 0;
            for (int i = 14, k = 0; i >= 0; i--, k++)
            {
                int d = k % 2 == 0 ? digits[i] * 2 : digits[i];
                sum += d > 9 ? d - 9 : d;
            }

            digits[15] = (10 - (sum % 10)) % 10;
            var text = new StringBuilder(19);
            for (int i = 0; i < 16; i++)
            {
                text.Append(i > 0 && i % 4 == 0 ? " " : "").Append((char)('0' + digits[i]));
            }

            return text.ToString();
        }

        private string DrawCause()
        {
            double x = _rng.NextDouble() * CumulativeWeights[^1];
            int i = Array.FindIndex(CumulativeWeights, w => x < w);
            return Causes[i < 0 ? Causes.Length - 1 : i];
        }

        private string Channels()
        {
            double x = _rng.NextDouble();
            return x < 0.45 ? "phone" : x < 0.8 ? "chat" : "email";
        }

        /// <summary>The queue the demo world routes a root cause to (by the owner of the shipped taxonomy's cause).</summary>
        private static string QueueOf(string cause) => cause switch
        {
            "mis-pick" or "damaged-in-packing" or "missing-item" or "late-delivery" or "lost-parcel" or "courier-conduct" => "orders",
            "double-charge" or "refund-delay" => "billing",
            "login-failure" or "checkout-error" => "tech",
            _ => "general",
        };

        private static double[] CumulativeOf(string[] causes)
        {
            double total = 0;
            return [.. causes.Select(c => total += DemoScript.RootCauses[c].Weight)];
        }

        private static string Fill(string statement, string item, string order) =>
            statement.Replace("{item}", item, StringComparison.Ordinal).Replace("{order}", order, StringComparison.Ordinal);

        private static string Capitalised(string text) => text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

        private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];
    }
}
