using System.Globalization;
using System.Text.Json;
using Insight.Host.Hosting;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Evaluate;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight evaluate churn</c>: measures the churn model on a mapping (or on a freshly generated demo
/// world, <c>--data demo</c>), into a temporary lake. With purchase history it is the pipeline's own
/// time-based backtest (trained on an earlier window, validated on a later one) with BG/NBD probability
/// alive alone beside it; with customers that have only attributes and a cancelled flag, a stratified
/// k-fold cross-validation.
/// </summary>
public sealed class EvaluateChurnCommand(IAnsiConsole console)
{
    public const string Demo = "demo";

    private const string RunId = "evaluate-churn";

    /// <returns>0 on success, 2 when the data or mapping is wrong.</returns>
    public async Task<int> ExecuteAsync(string data, int folds, string output, CancellationToken cancellationToken)
    {
        if (folds < 2)
        {
            console.MarkupLineInterpolated($"[red]--folds must be at least 2, not {folds}.[/]");
            return 2;
        }

        return await EvaluationRun.InTemporaryFolderAsync(console, "evaluate-churn", async work =>
        {
            var overrides = new Dictionary<string, string?>
            {
                [$"{LakeOptions.Section}:{nameof(LakeOptions.Folder)}"] = Path.Combine(work, "lake"),
                [$"{RunOptions.Section}:{nameof(RunOptions.OutputFolder)}"] = Path.Combine(work, "out"),
                // An evaluation trains its own models: the user's registry is neither read nor written.
                [$"{RegistryOptions.Section}:{nameof(RegistryOptions.Folder)}"] = Path.Combine(work, "registry"),
            };
            string? mapping = null;
            if (data == Demo)
            {
                foreach (var (key, value) in RunCommand.DemoInputs(Path.Combine(work, "demo")))
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
                throw new FileNotFoundException($"--data '{Path.GetFullPath(data)}' is neither a mapping file nor '{Demo}'.");
            }

            using var host = InsightHost.Build(InsightConfiguration.Build(mapping, overrides));
            if (data == Demo)
            {
                var demo = host.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
                console.MarkupLineInterpolated($"Generating the demo world ({demo.Customers:N0} customers, {demo.Days} days, seed {demo.Seed})...");
                new DemoWorldGenerator(host.Services.GetRequiredService<RootCauseTaxonomy>(), demo.HarmlessRootCause)
                    .Generate(demo.Customers, demo.Days, demo.Seed, demo.Start, Path.Combine(work, "demo"));
            }

            var runner = host.Services.GetRequiredService<PipelineRunner>();
            var log = host.Services.GetRequiredService<RunLog>();
            var ingested = await host.Services.GetRequiredService<IIngestStage>().RunAsync(cancellationToken);
            console.MarkupLineInterpolated($"Read {ingested.Sources.Sum(s => s.RowsRead):N0} rows ({ingested.Sources.Sum(s => s.RowsQuarantined):N0} quarantined).");
            bool hasPurchases = ingested.Sources.Any(s => s.Source == LakeTables.Purchases && s.TableRows > 0);
            object report;
            if (hasPurchases)
            {
                log.WriteContext(new RunContext(RunId, runner.AsOfFor(ingested)));
                await runner.RunStageAsync(PipelineStages.Label, RunId, cancellationToken);
                await runner.RunStageAsync(PipelineStages.Churn, RunId, cancellationToken);
                var churn = log.ReadReport<ChurnReport>(RunId, PipelineStages.Churn);
                PrintBacktest(churn);
                report = new { data = Path.GetFullPath(data == Demo ? "." : data), kind = "backtest", churn };
            }
            else
            {
                var customers = await host.Services.GetRequiredService<ParquetLake>().ReadAllAsync<CustomerRecord>(LakeTables.Customers, cancellationToken);
                var options = host.Services.GetRequiredService<IOptions<ChurnOptions>>().Value;
                console.MarkupLineInterpolated($"No purchases: {folds}-fold stratified cross-validation on the attributes of {customers.Count:N0} customers...");
                var cv = ChurnCrossValidation.Run(customers, folds, options.ToTrainerOptions());
                PrintCrossValidation(cv);
                report = new { data = Path.GetFullPath(data), kind = "cross-validation", crossValidation = cv };
            }

            await EvaluationRun.WriteReportAsync(output, report, cancellationToken);
            console.MarkupLineInterpolated($"Report: {Path.GetFullPath(output)}");
            return 0;
        });
    }

    private void PrintBacktest(ChurnReport churn)
    {
        if (churn.Validation is not { } v)
        {
            console.MarkupLineInterpolated($"[yellow]Churn not evaluated:[/] {churn.Skipped}");
            return;
        }

        console.MarkupLineInterpolated(
            $"Trained on {churn.TrainingRows:N0} customer-dates up to {churn.TrainAsOf:yyyy-MM-dd} ({churn.TrainingChurnRate:P1} churned); validated at {churn.ValidationAsOf:yyyy-MM-dd} on {v.Rows:N0} customers ({v.PositiveRate:P1} churned).");
        var table = new Table().AddColumns("on the later window", "model", "BG/NBD p(alive) alone");
        table.AddRow("ROC-AUC", $"{v.RocAuc:0.000}", churn.BgNbdRocAuc is { } b ? $"{b:0.000}" : "-");
        table.AddRow("PR-AUC", $"{v.PrAuc:0.000}", "");
        table.AddRow("top-decile lift", $"{v.TopDecileLift:0.00}", "");
        table.AddRow("churners in the top decile", $"{v.TopDecileShare:P1}", "");
        table.AddRow("Brier score", $"{v.Brier:0.000}", "");
        console.Write(table);
        if (churn.BgNbdRocAuc is { } baseline)
        {
            console.MarkupLine(v.RocAuc > baseline
                ? $"[green]The model beats BG/NBD alone by {v.RocAuc - baseline:0.000} ROC-AUC.[/]"
                : $"[red]The model does not beat BG/NBD alone ({v.RocAuc - baseline:+0.000;-0.000} ROC-AUC).[/]");
        }

        var reliability = new Table().AddColumns("predicted", "customers", "mean predicted", "observed");
        foreach (var bin in v.Reliability)
        {
            reliability.AddRow($"{bin.From:0.0}-{bin.To:0.0}", $"{bin.Rows:N0}", $"{bin.MeanPredicted:0.000}", $"{bin.Observed:0.000}");
        }

        console.Write(reliability);
        if (churn.LeakageWarning is { } leakage)
        {
            console.MarkupLineInterpolated($"[red]{leakage}[/]");
        }

        var importance = new Table().AddColumns("feature (permutation importance)", "ROC-AUC drop");
        foreach (var feature in (churn.Importance ?? []).Take(8))
        {
            importance.AddRow(Markup.Escape(feature.Feature), feature.RocAucDrop.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        console.Write(importance);
    }

    private void PrintCrossValidation(ChurnCrossValidationReport cv)
    {
        var table = new Table().AddColumns("fold", "train", "test", "ROC-AUC", "PR-AUC", "Brier", "seconds");
        foreach (var fold in cv.PerFold)
        {
            table.AddRow($"{fold.Fold}", $"{fold.TrainingRows:N0}", $"{fold.TestRows:N0}", $"{fold.Test.RocAuc:0.0000}", $"{fold.Test.PrAuc:0.000}", $"{fold.Test.Brier:0.000}", $"{fold.Seconds:0.0}");
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"[bold]Mean ROC-AUC {cv.MeanRocAuc:0.0000}[/] over {cv.Folds} stratified folds (sd {cv.StdRocAuc:0.0000}, min {cv.MinRocAuc:0.0000}, max {cv.MaxRocAuc:0.0000}); {cv.Customers:N0} customers, {cv.ChurnRate:P1} churned.");
    }
}
