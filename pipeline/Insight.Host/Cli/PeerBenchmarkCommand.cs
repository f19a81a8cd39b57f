using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Insight.Host.Notebooks;
using Insight.Models.Churn;
using Insight.Models.Evaluation;
using Insight.Models.Text;
using Insight.Pipeline;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Run;
using MathNet.Numerics.Statistics;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight bench peer</c>: the data of a generated world as plain CSV splits, for other tools to learn from
/// exactly what Insight learns from, and Insight's own learners measured on them. Root causes: the
/// customer's words and the agent's disposition of every contact that has one, split 80/20 by a stable
/// hash of the contact id. Churn: the churn model's feature rows, its training dates against its later
/// validation date; measured for both churn learners (FastTree and LightGBM). Training times are medians of
/// <c>--runs</c> fits, and prediction rates medians of as many passes over every row after a warm-up pass, as
/// the scikit-learn script measures its side. <c>tests/peer/run.sh</c> runs scikit-learn on the same files and compares.
/// </summary>
public sealed class PeerBenchmarkCommand(IAnsiConsole console)
{
    public const string RootCausesTrain = "root-causes-train.csv";
    public const string RootCausesTest = "root-causes-test.csv";
    public const string ChurnTrain = "churn-train.csv";
    public const string ChurnValidation = "churn-validation.csv";
    public const string ResultFile = "insight.json";

    /// <summary>Share of the labelled contacts in the root-cause test split.</summary>
    public const double TestShare = 0.2;

    private const string RunId = "peer";

    /// <summary>One learner's figures on its splits.</summary>
    /// <param name="TrainRows">Rows learned from.</param>
    /// <param name="TestRows">Rows measured on.</param>
    /// <param name="TrainSeconds">Wall time of fitting, features included (median of the runs).</param>
    /// <param name="PredictPerSecond">Rows predicted per second over every row (train and test), features included (median of the runs).</param>
    /// <param name="Accuracy">Root causes: accuracy against the dispositions; churn: null.</param>
    /// <param name="MacroF1">Root causes: macro-F1; churn: null.</param>
    /// <param name="RocAuc">Churn: ROC-AUC on the validation rows; root causes: null.</param>
    public sealed record LearnerResult(int TrainRows, int TestRows, double TrainSeconds, double PredictPerSecond, double? Accuracy, double? MacroF1, double? RocAuc);

    public async Task<int> ExecuteAsync(int contacts, int customers, int runs, int seed, string folder, string output, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        InsightCommandLine.FitRedirected(console, 140);
        string root = Path.GetFullPath(folder);
        string outFolder = Path.GetFullPath(output);
        Directory.CreateDirectory(outFolder);
        string worldFolder = Path.Combine(root, $"world-{customers}-{contacts}");
        var world = PipelineBenchmarkCommand.EnsureWorld(customers, contacts, seed, worldFolder, console);
        string workspace = Path.Combine(root, $"peer-{customers}-{contacts}");
        PipelineBenchmarkCommand.EmptyFolder(workspace);
        using var bench = PipelineBenchmarkCommand.OpenOnWorld(workspace, worldFolder);
        var runner = bench.Get<PipelineRunner>();
        console.MarkupLineInterpolated($"World: {world.Customers:N0} customers, {world.Contacts:N0} contacts, {world.Purchases:N0} purchases; ingesting and labelling it (the churn features count contacts by root cause)...");
        foreach (string stage in new[] { PipelineStages.Ingest, PipelineStages.Label })
        {
            await runner.RunStageAsync(stage, RunId, cancellationToken);
        }

        var label = bench.Options<LabelOptions>();
        var rootCauses = await RootCausesAsync(bench.Lake, label, outFolder, runs, cancellationToken);
        var asOf = bench.Get<RunLog>().ReadContext(RunId).AsOf;
        var churnOptions = bench.Options<ChurnOptions>().ToTrainerOptions();
        var churn = await ChurnAsync(bench.Get<IChurnStage>(), churnOptions, asOf, outFolder, runs, cancellationToken);

        var table = new Table().AddColumns("Insight", "train rows", "test rows", "training s", "predicted/s", "accuracy", "macro-F1", "ROC-AUC");
        table.AddRow("root causes", $"{rootCauses.TrainRows:N0}", $"{rootCauses.TestRows:N0}", $"{rootCauses.TrainSeconds:0.0}",
            $"{rootCauses.PredictPerSecond:N0}", $"{rootCauses.Accuracy:0.0000}", $"{rootCauses.MacroF1:0.0000}", "");
        foreach (var (learner, measured) in churn)
        {
            table.AddRow($"churn ({learner})", $"{measured.TrainRows:N0}", $"{measured.TestRows:N0}", $"{measured.TrainSeconds:0.00}", $"{measured.PredictPerSecond:N0}", "", "", $"{measured.RocAuc:0.0000}");
        }

        console.Write(table);
        console.MarkupLineInterpolated($"Medians of {runs} fits and of {runs} prediction passes; the configured churn learner is {churnOptions.Learner}.");

        string result = Path.Combine(outFolder, ResultFile);
        await File.WriteAllTextAsync(result, JsonSerializer.Serialize(new
        {
            machine = BenchmarkRuns.Machine(), cores = Environment.ProcessorCount, world, asOf, runs,
            rootCauses = new
            {
                learner = $"TF-IDF word 1-{label.Text.WordNgrams} + char 1-{label.Text.CharNgrams} grams, one-versus-all averaged perceptron",
                settings = label.ToTrainerOptions(),
                result = rootCauses,
            },
            churn = churn.Select(c => new
            {
                learner = $"{c.Learner} gradient-boosted trees",
                configured = c.Learner == churnOptions.Learner,
                settings = churnOptions with { Learner = c.Learner },
                result = c.Result,
            }),
        }, BenchmarkRuns.Json), cancellationToken);
        console.MarkupLineInterpolated($"Splits and {ResultFile} written to [bold]{outFolder}[/]; now run /usr/bin/python3 tests/peer/sklearn_peer.py {outFolder} (tests/peer/run.sh does both).");
        return 0;
    }

    /// <summary>Writes the root-cause splits and trains and measures Insight's classifier on them.</summary>
    private static async Task<LearnerResult> RootCausesAsync(ParquetLake lake, LabelOptions options, string folder, int runs, CancellationToken cancellationToken)
    {
        var train = new List<ContactText>();
        var test = new List<ContactText>();
        await foreach (var contact in lake.ReadAsync<ContactRecord>(LakeTables.Contacts, cancellationToken))
        {
            if (contact.Disposition is { Length: > 0 } disposition)
            {
                var example = new ContactText { Text = LabelStage.ClassifierText(contact), Label = disposition };
                (StableHash.Fraction(contact.ContactId, "peer-split") < TestShare ? test : train).Add(example);
            }
        }

        WriteCsv(Path.Combine(folder, RootCausesTrain), ["text", "label"], train.Select(e => new[] { e.Text, e.Label }));
        WriteCsv(Path.Combine(folder, RootCausesTest), ["text", "label"], test.Select(e => new[] { e.Text, e.Label }));

        var (classifier, trainSeconds) = Fit(runs, () => new RootCauseTrainer(options.ToTrainerOptions()).Train(train));
        var predictions = classifier.Predict(test.Select(t => t.Text));
        var report = ClassificationReport.From([.. test.Select(t => t.Label)], [.. predictions.Select(p => p.RootCause)]);
        double perSecond = Throughput(runs, () => classifier.Predict(train.Concat(test).Select(t => t.Text)), train.Count + test.Count);
        return new LearnerResult(train.Count, test.Count, Math.Round(trainSeconds, 3), perSecond, Math.Round(report.Accuracy, 4), Math.Round(report.MacroF1, 4), null);
    }

    /// <summary>Writes the churn model's training and validation rows and trains and measures each of Insight's churn learners on them.</summary>
    private static async Task<List<(ChurnLearner Learner, LearnerResult Result)>> ChurnAsync(
        IChurnStage churn, ChurnTrainerOptions options, DateTime asOf, string folder, int runs, CancellationToken cancellationToken)
    {
        var rows = await churn.TrainingRowsAsync(asOf, cancellationToken) ?? throw new InvalidDataException("The world has no purchases to learn churn from.");
        string[] header = [.. rows.Names, "label"];
        IEnumerable<string[]> Lines(List<CustomerFeatures> of) => of.Select(r => r.Features.Select(f => f.ToString("R", CultureInfo.InvariantCulture)).Append(r.Label ? "1" : "0").ToArray());
        WriteCsv(Path.Combine(folder, ChurnTrain), header, Lines(rows.Training));
        WriteCsv(Path.Combine(folder, ChurnValidation), header, Lines(rows.Validation));

        bool[] labels = [.. rows.Validation.Select(r => r.Label)];
        List<CustomerFeatures> all = [.. rows.Training, .. rows.Validation];
        var results = new List<(ChurnLearner, LearnerResult)>();
        foreach (var learner in Enum.GetValues<ChurnLearner>())
        {
            var (model, trainSeconds) = Fit(runs, () => new ChurnTrainer(options with { Learner = learner }).Train(rows.Training, rows.Names));
            var scores = model.Score(rows.Validation, reasons: 0);
            double auc = RocAuc.Of(labels, [.. scores.Select(s => s.Probability)]);
            double perSecond = Throughput(runs, () => model.Score(all, reasons: 0), all.Count);
            results.Add((learner, new LearnerResult(rows.Training.Count, rows.Validation.Count, Math.Round(trainSeconds, 3), perSecond, null, null, Math.Round(auc, 4))));
        }

        return results;
    }

    /// <summary>Fits <paramref name="runs"/> times; the last model and the median wall time.</summary>
    private static (T Model, double Seconds) Fit<T>(int runs, Func<T> fit)
    {
        T model = default!;
        double seconds = Statistics.Median(Timings(runs, () => model = fit()));
        return (model, seconds);
    }

    /// <summary>Median rows per second of <paramref name="runs"/> prediction passes over every row (train and test), after the pass on the test rows warmed it up.</summary>
    private static double Throughput(int runs, Action predictAll, int rows) =>
        Math.Round(Statistics.Median(Timings(runs, predictAll).Select(seconds => rows / seconds)));

    /// <summary>The wall time in seconds of each of <paramref name="runs"/> runs of <paramref name="run"/>.</summary>
    private static List<double> Timings(int runs, Action run)
    {
        var seconds = new List<double>(runs);
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        return seconds;
    }

    private static void WriteCsv(string path, string[] header, IEnumerable<string[]> rows)
    {
        using var csv = CsvWriter.ToFile(path, CsvWriterOptions.Default with { NewLine = "\n" });
        csv.WriteRecord(header);
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }
    }
}
