using Insight.Host.Hosting;
using Insight.Models.Text;
using Insight.Pipeline;
using Insight.Pipeline.Evaluate;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight evaluate text</c>: ingests labelled contacts from a mapping (or a folder of CSV files),
/// trains the root-cause classifier on the training split as the label stage would, and measures it once
/// on the test split.
/// </summary>
public sealed class EvaluateCommand(IAnsiConsole console)
{
    /// <summary>Labels from the contacts' disposition (wrap-up code).</summary>
    public const string DispositionLabel = "disposition";

    /// <summary>Labels from the contacts' queue.</summary>
    public const string QueueLabel = "queue";

    private static readonly string[] TextColumns = ["text", "utterance", "instruction", "transcript", "message"];
    private static readonly string[] LabelColumns = ["category", "label", "intent", "disposition"];

    /// <returns>0 on success, 2 when the data or mapping is wrong.</returns>
    public async Task<int> ExecuteAsync(string data, string label, string output, CancellationToken cancellationToken)
    {
        if (label is not (DispositionLabel or QueueLabel))
        {
            console.MarkupLineInterpolated($"[red]--label must be {DispositionLabel} or {QueueLabel}, not '{label}'.[/]");
            return 2;
        }

        return await EvaluationRun.InTemporaryFolderAsync(console, "evaluate", async lakeFolder =>
        {
            var overrides = new Dictionary<string, string?> { [$"{LakeOptions.Section}:{nameof(LakeOptions.Folder)}"] = lakeFolder };
            string? mapping = null;
            if (Directory.Exists(data))
            {
                foreach (var (key, value) in FolderMapping(data))
                {
                    overrides[key] = value;
                }
            }
            else if (File.Exists(data))
            {
                mapping = data;
            }
            else
            {
                throw new FileNotFoundException($"--data '{Path.GetFullPath(data)}' is neither a mapping file nor a folder.");
            }

            using var host = InsightHost.Build(InsightConfiguration.Build(mapping, overrides));
            var ingested = await host.Services.GetRequiredService<IIngestStage>().RunAsync(cancellationToken);
            var contacts = await host.Services.GetRequiredService<ParquetLake>().ReadAllAsync<ContactRecord>(LakeTables.Contacts, cancellationToken);
            var labelled = contacts
                .Select(c => (Contact: c, Label: label == QueueLabel ? c.Queue : c.Disposition))
                .Where(c => !string.IsNullOrWhiteSpace(c.Label))
                .ToList();
            if (labelled.Count == 0)
            {
                throw new InvalidDataException($"None of the {contacts.Count:N0} contacts read from '{data}' has a {label}; map a label column to {(label == QueueLabel ? "Queue" : "Disposition")}.");
            }

            // Files named like "test.csv" are the test split; without such files, a stable 20% of ids.
            bool byFile = labelled.Any(c => IsTestFile(c.Contact.Source)) && labelled.Any(c => !IsTestFile(c.Contact.Source));
            bool IsTest((ContactRecord Contact, string? Label) c) => byFile ? IsTestFile(c.Contact.Source) : StableHash.Fraction(c.Contact.ContactId, "evaluate") < 0.2;
            var training = labelled.Where(c => !IsTest(c)).Select(c => (c.Contact.ContactId, new ContactText { Text = LabelStage.ClassifierText(c.Contact), Label = c.Label! })).ToList();
            var test = labelled.Where(IsTest).Select(c => new ContactText { Text = LabelStage.ClassifierText(c.Contact), Label = c.Label! }).ToList();

            var options = host.Services.GetRequiredService<IOptions<LabelOptions>>().Value;
            console.MarkupLineInterpolated($"Read {ingested.Sources.Sum(s => s.RowsRead):N0} rows ({ingested.Sources.Sum(s => s.RowsQuarantined):N0} quarantined); training on {training.Count:N0}, testing on {test.Count:N0} ({(byFile ? "test files" : "a stable 20% of ids")})...");
            var report = TextEvaluator.Evaluate(Path.GetFullPath(data), label, byFile ? "files" : "hash", training, test, options.TargetPrecision, options.NoveltyQuantile, options.ToTrainerOptions());

            await EvaluationRun.WriteReportAsync(output, report, cancellationToken);
            Print(report, output);
            return 0;
        });
    }

    private static bool IsTestFile(string source) => Path.GetFileName(source).Contains("test", StringComparison.OrdinalIgnoreCase);

    /// <summary>A mapping for a folder of CSV files with a text column and a label column (e.g. <c>text,category</c>).</summary>
    private static Dictionary<string, string?> FolderMapping(string folder)
    {
        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"Folder '{Path.GetFullPath(folder)}' has no .csv files; give a mapping file instead (see config/examples).");
        }

        string header = File.ReadLines(files[0]).FirstOrDefault() ?? "";
        var columns = header.Split(',').Select(c => c.Trim().Trim('"')).ToList();
        string text = columns.FirstOrDefault(c => TextColumns.Contains(c, StringComparer.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"'{files[0]}' row 1: no text column (one of {string.Join(", ", TextColumns)}) in the header '{header}'.");
        string labelColumn = columns.FirstOrDefault(c => LabelColumns.Contains(c, StringComparer.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"'{files[0]}' row 1: no label column (one of {string.Join(", ", LabelColumns)}) in the header '{header}'.");
        string contacts = $"{IngestOptions.Section}:{nameof(IngestOptions.Contacts)}";
        return new Dictionary<string, string?>
        {
            [$"{contacts}:{nameof(SourceOptions.Path)}"] = Path.Combine(Path.GetFullPath(folder), "*.csv"),
            [$"{contacts}:{nameof(SourceOptions.Format)}"] = "csv",
            [$"{contacts}:Fields:ContactId"] = "{@file}-{@row}",
            [$"{contacts}:Fields:CustomerId"] = "{@file}-{@row}",
            [$"{contacts}:Fields:Transcript"] = text,
            [$"{contacts}:Fields:Disposition"] = labelColumn,
            [$"{contacts}:Defaults:StartedAt"] = "2020-01-01",
            [$"{contacts}:Defaults:Channel"] = "chat",
        };
    }

    private void Print(TextEvaluationReport report, string output)
    {
        var t = report.Test;
        console.MarkupLineInterpolated($"[bold]Accuracy {t.Accuracy:0.000}[/], macro-F1 {t.MacroF1:0.000} on {report.TestExamples:N0} test texts ({report.Classes} classes).");
        console.MarkupLineInterpolated($"Abstention at target precision {report.Abstention.TargetPrecision:0.00}: coverage {report.Abstention.Coverage:P1}, precision {report.Abstention.Precision:0.000}, calibration error {report.Abstention.CalibrationError:0.000}.");
        console.MarkupLineInterpolated($"Training {report.TrainingSeconds:0.0} s (+{report.CalibrationSeconds:0.0} s calibration), prediction {report.PredictionsPerSecond:N0} texts/s on {report.Cores} cores.");
        var table = new Table().AddColumns("Actual", "Predicted as", "Times");
        foreach (var pair in t.ConfusionPairs.Take(5))
        {
            table.AddRow(Markup.Escape(pair.Actual), Markup.Escape(pair.Predicted), pair.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"Report: {Path.GetFullPath(output)}");
    }
}
