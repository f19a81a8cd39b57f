using System.Diagnostics;
using System.Text.Json;
using Insight.Pipeline.Alerts;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Evaluate;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Report;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Topics;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Run;

/// <summary>
/// The one place that knows what each stage of a run needs and where its report goes. A scheduler calls
/// <see cref="RunStageAsync"/> once per stage, in <see cref="PipelineStages.Order"/>.
/// </summary>
public sealed class PipelineRunner(
    IIngestStage ingest,
    ILabelStage label,
    ITopicsStage topics,
    IResolveStage resolve,
    IChurnStage churn,
    IRankStage rank,
    AlertsStage alerts,
    Champions champions,
    TruthEvaluator truth,
    ReportWriter report,
    RunLog log,
    ParquetLake lake,
    IOptions<RunOptions> runOptions,
    IOptions<IngestOptions> ingestOptions,
    TimeProvider time)
{
    public const string SummaryFile = "run-summary.json";

    public string OutputFolder => Path.GetFullPath(runOptions.Value.OutputFolder);

    /// <summary>Runs one stage of a run. Stages after ingest read the run's context that ingest wrote.</summary>
    public async Task RunStageAsync(string stage, string runId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        switch (stage)
        {
            // 1. ingest: exports -> lake/contacts, purchases, customers, quarantine; fixes the as-of date
            case PipelineStages.Ingest:
                var ingested = await ingest.RunAsync(cancellationToken);
                log.WriteContext(new RunContext(runId, AsOfFor(ingested)));
                log.WriteReport(runId, stage, ingested, clock.Elapsed);
                break;

            // 2. label: lake/contacts + the root-cause champion -> lake/labeled-contacts
            case PipelineStages.Label:
                long labelledVersion = lake.ReadManifest().Version;
                log.WriteReport(runId, stage, await label.RunAsync(await RootCauseModelAsync(runId, cancellationToken), cancellationToken), clock.Elapsed);
                log.WriteLabelledVersion(labelledVersion);
                break;

            // 3. topics: unclassified contacts -> lake/emerging-topics, out/emerging-topics.csv
            case PipelineStages.Topics:
                log.WriteReport(runId, stage, await topics.RunAsync(log.ReadContext(runId).AsOf, OutputFolder, cancellationToken), clock.Elapsed);
                break;

            // 4. resolve: lake/labeled-contacts -> lake/issues
            case PipelineStages.Resolve:
                log.WriteReport(runId, stage, await resolve.RunAsync(log.ReadContext(runId).AsOf, cancellationToken), clock.Elapsed);
                break;

            // 5a. train: contacts, purchases + labeled contacts -> challengers in the registry, promoted when not worse than the champions
            case PipelineStages.Train:
                log.WriteReport(runId, stage, await TrainModelsAsync(runId, ModelRegistry.Models, cancellationToken), clock.Elapsed);
                break;

            // 5b. score: purchases + labeled contacts + the model -> lake/customer-features, lake/churn-scores
            case PipelineStages.Churn:
                var asOf = log.ReadContext(runId).AsOf;
                var model = await ChurnModelAsync(runId, asOf, cancellationToken);
                var scoring = await churn.ScoreAsync(asOf, model.Saved, Shard.Whole, LakeTables.CustomerFeatures, LakeTables.ChurnScores, cancellationToken);
                log.WriteReport(runId, stage, churn.Report(asOf, model.Card, [scoring], model.TrainedNow), clock.Elapsed);
                break;

            // 6. rank: issues + scores -> out/upstream-fixes.*, out/at-risk-customers.*
            case PipelineStages.Rank:
                log.WriteReport(runId, stage, await rank.RunAsync(log.ReadContext(runId).AsOf, OutputFolder, cancellationToken), clock.Elapsed);
                break;

            // 7. alerts: labeled contacts (+ the run's models, and the features when it scored churn) -> out/alerts.jsonl, the webhook
            case PipelineStages.Alerts:
                bool scoredChurn = log.TryReadReport<ChurnReport>(runId, PipelineStages.Churn) is not null;
                log.WriteReport(runId, stage, await alerts.RunAsync(runId, log.ReadContext(runId).AsOf, ExistingChurnModel(runId), ExistingRootCauseModel(runId), scoredChurn, OutputFolder, cancellationToken), clock.Elapsed);
                break;

            // 8. summarize: every stage's report -> out/report.html, out/report.md, out/run-summary.json
            case PipelineStages.Summarize:
                await SummarizeAsync(runId, cancellationToken);
                break;

            default:
                throw new ArgumentException($"Unknown stage '{stage}'; the stages are {string.Join(", ", PipelineStages.Order)}.", nameof(stage));
        }
    }

    /// <summary>
    /// Trains a challenger of each model named (<see cref="ModelRegistry.Models"/>) on the run's data and
    /// promotes it when it is not worse than the champion (the train stage; <c>insight train</c>). Churn
    /// needs the label stage to have run.
    /// </summary>
    public async Task<TrainReport> TrainModelsAsync(string runId, IReadOnlyList<string> models, CancellationToken cancellationToken)
    {
        var asOf = log.ReadContext(runId).AsOf;
        var rootCauses = models.Contains(ModelRegistry.RootCauses) ? await champions.TrainRootCausesAsync(asOf, cancellationToken) : null;
        var churnChallenge = models.Contains(ModelRegistry.Churn) ? await champions.TrainChurnAsync(asOf, cancellationToken) : null;
        return new TrainReport(rootCauses?.Decision, churnChallenge?.Decision, churnChallenge?.Training);
    }

    /// <summary>Stages that can run as shards (<see cref="RunShardAsync"/>) with a completion step (<see cref="CompleteShardsAsync"/>).</summary>
    public static bool CanShard(string stage) => stage is PipelineStages.Label or PipelineStages.Churn;

    /// <summary>
    /// What a sharded stage needs before its shards run, done once: for label, the models trained on every
    /// contact (kept when a resumed run already trained them on the same lake); for churn, a model
    /// (trained now when there is none).
    /// </summary>
    public async Task PrepareShardsAsync(string stage, string runId, CancellationToken cancellationToken)
    {
        RequireShardable(stage);
        if (stage == PipelineStages.Label)
        {
            long version = lake.ReadManifest().Version;
            string name = ShardReportName(stage, "training");
            var trained = log.TryReadReport<ShardOutput<LabelTraining>>(runId, name);
            bool current = trained is not null && trained.LakeVersion == version
                && trained.Output.PainPointTaggers.All(m => m is null || File.Exists(log.ArtifactPath(runId, m)));
            if (!current)
            {
                var clock = Stopwatch.StartNew();
                var classifier = await RootCauseModelAsync(runId, cancellationToken);
                log.WriteReport(runId, name, new ShardOutput<LabelTraining>(version, await label.TrainAsync(log.FolderOf(runId), classifier, cancellationToken)), clock.Elapsed);
            }

            return;
        }

        await ChurnModelAsync(runId, log.ReadContext(runId).AsOf, cancellationToken);
    }

    /// <summary>
    /// Runs one shard of a stage: its customers' share of the work, written to the shard's own tables under
    /// <c>lake/_shards/&lt;run&gt;/</c> with its report, so shards run on any server in any order, and again
    /// without harm. The run's lake tables are untouched until <see cref="CompleteShardsAsync"/>.
    /// </summary>
    public async Task RunShardAsync(string stage, string runId, Shard shard, CancellationToken cancellationToken)
    {
        RequireShardable(stage);
        var clock = Stopwatch.StartNew();
        var tables = ShardTables(stage).Select(t => ShardTable(runId, t, shard)).ToList();
        if (stage == PipelineStages.Label)
        {
            // Stamped with the lake the models were trained on: a shard that read models of an earlier lake is out of date.
            var training = log.ReadReport<ShardOutput<LabelTraining>>(runId, ShardReportName(stage, "training"));
            var labelled = await label.LabelAsync(log.FolderOf(runId), training.Output, shard, tables[0], cancellationToken);
            log.WriteReport(runId, ShardReportName(stage, shard.ToString()), new ShardOutput<LabelScoring>(training.LakeVersion, labelled), clock.Elapsed);
            return;
        }

        // No model after the shards were prepared means no purchases: the shard's tables are empty, as unsharded.
        long version = lake.ReadManifest().Version;
        var scoring = await churn.ScoreAsync(log.ReadContext(runId).AsOf, ExistingChurnModel(runId), shard, tables[0], tables[1], cancellationToken);
        log.WriteReport(runId, ShardReportName(stage, shard.ToString()), new ShardOutput<ChurnScoring>(version, scoring), clock.Elapsed);
    }

    /// <summary>
    /// Whether a shard's output is in place: its tables, and its report from the lake as it is now (a shard
    /// done before the lake took in new data is out of date and runs again).
    /// </summary>
    public bool ShardDone(string stage, string runId, Shard shard) =>
        log.TryReadReport<ShardOutput<object>>(runId, ShardReportName(stage, shard.ToString()))?.LakeVersion == lake.ReadManifest().Version
        && ShardTables(stage).All(t => File.Exists(lake.PathOf(ShardTable(runId, t, shard))));

    /// <summary>
    /// The completion step: merges every shard's tables into the run's lake tables in key order (the same
    /// tables one unsharded stage writes), writes the stage's report and deletes the shards' tables.
    /// </summary>
    public async Task CompleteShardsAsync(string stage, string runId, int count, CancellationToken cancellationToken)
    {
        RequireShardable(stage);
        var clock = Stopwatch.StartNew();
        var shards = Enumerable.Range(0, count).Select(i => new Shard(i, count)).ToList();
        var missing = shards.Where(s => !ShardDone(stage, runId, s)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Run {runId} cannot complete {stage}: shard(s) {string.Join(", ", missing)} have no output from the lake as it is now.");
        }

        T[] Outputs<T>() => [.. shards.Select(s => log.ReadReport<ShardOutput<T>>(runId, ShardReportName(stage, s.ToString())).Output)];
        List<string> Tables(string table) => [.. shards.Select(s => ShardTable(runId, table, s))];
        if (stage == PipelineStages.Label)
        {
            var training = log.ReadReport<ShardOutput<LabelTraining>>(runId, ShardReportName(stage, "training"));
            await label.MergeAsync(Tables(LakeTables.LabeledContacts), cancellationToken);
            log.WriteReport(runId, stage, label.Report(training.Output.Classifier, Outputs<LabelScoring>()), clock.Elapsed);
            log.WriteLabelledVersion(training.LakeVersion);
            // The taggers were saved only for the shards to load (the classifier is the run's model).
            foreach (string taggers in training.Output.PainPointTaggers.OfType<string>())
            {
                File.Delete(log.ArtifactPath(runId, taggers));
            }
        }
        else
        {
            var asOf = log.ReadContext(runId).AsOf;
            await churn.MergeAsync([.. shards.Select(s => (ShardTable(runId, LakeTables.CustomerFeatures, s), ShardTable(runId, LakeTables.ChurnScores, s)))], cancellationToken);
            var model = ExistingChurnModel(runId);
            log.WriteReport(runId, stage, churn.Report(asOf, model is null ? null : ChurnModelCard.Read(model.Path), Outputs<ChurnScoring>()), clock.Elapsed);
        }

        string folder = Path.Combine(lake.Folder, ShardsFolder, runId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string ShardsFolder = "_shards";

    /// <summary>The lake tables a sharded stage writes, each shard its own copy.</summary>
    private static IReadOnlyList<string> ShardTables(string stage) =>
        stage == PipelineStages.Label ? [LakeTables.LabeledContacts] : [LakeTables.CustomerFeatures, LakeTables.ChurnScores];

    private static string ShardTable(string runId, string table, Shard shard) => $"{ShardsFolder}/{runId}/{table}-{shard}";

    private static string ShardReportName(string stage, string part) => $"shards/{stage}-{part}";

    private static void RequireShardable(string stage)
    {
        if (!CanShard(stage))
        {
            throw new ArgumentException($"Stage '{stage}' does not run in shards.", nameof(stage));
        }
    }

    /// <summary>A shard's output (or a sharded stage's training) with the lake version it was made from.</summary>
    private sealed record ShardOutput<T>(long LakeVersion, T Output);

    private const string RootCausePin = "models/root-causes.json";
    private const string ChurnPin = "models/churn.json";

    /// <summary>
    /// The root-cause classifier a run labels with: the registry's champion (one trained now when there is
    /// none), pinned in the run's folder the first time, so a retry and every shard use the same version.
    /// </summary>
    private async Task<RootCauseModel?> RootCauseModelAsync(string runId, CancellationToken cancellationToken)
    {
        if (log.ReadArtifact<RootCauseModel>(runId, RootCausePin) is { } pinned)
        {
            return pinned;
        }

        var model = await champions.RootCausesAsync(log.ReadContext(runId).AsOf, cancellationToken);
        if (model is not null)
        {
            log.WriteArtifact(runId, RootCausePin, model);
        }

        return model;
    }

    /// <summary>The root-cause classifier a run labelled with, once pinned, else the champion; null when there is none. Never trains.</summary>
    private RootCauseModel? ExistingRootCauseModel(string runId) =>
        log.ReadArtifact<RootCauseModel>(runId, RootCausePin) ?? champions.RootCauseChampion();

    /// <summary>The churn model a run scores with, once pinned (see <see cref="ChurnModelAsync"/>), else the champion; null when there is none.</summary>
    private SavedModel? ExistingChurnModel(string runId) =>
        log.ReadArtifact<SavedModel>(runId, ChurnPin) ?? champions.ChurnChampion()?.Saved;

    /// <summary>The churn model a run scores with: the champion (one trained now when there is none), pinned in the run's folder the first time.</summary>
    private async Task<(SavedModel? Saved, ChurnModelCard? Card, ChurnTraining? TrainedNow)> ChurnModelAsync(string runId, DateTime asOf, CancellationToken cancellationToken)
    {
        if (log.ReadArtifact<SavedModel>(runId, ChurnPin) is { } pinned)
        {
            return (pinned, ChurnModelCard.Read(pinned.Path), null);
        }

        var (model, trainedNow) = await champions.ChurnAsync(asOf, cancellationToken);
        if (model is null)
        {
            return (null, null, trainedNow);
        }

        log.WriteArtifact(runId, ChurnPin, model.Saved);
        return (model.Saved, ChurnModelCard.Read(model.ModelPath), trainedNow);
    }

    /// <summary>
    /// Whether the lake holds data that no label stage has labelled: its ingest manifest moved on since
    /// the version the last label stage read. A retried ingest that found nothing new still says yes when
    /// its first attempt stored data and failed before labelling.
    /// </summary>
    public bool HasUnlabelledData() => lake.ReadManifest().Version > log.ReadLabelledVersion();

    /// <summary>Reads the summary a finished run wrote.</summary>
    public RunSummary ReadSummary() =>
        JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(Path.Combine(OutputFolder, SummaryFile)), RunLog.Json)!;

    /// <summary>The as-of date of a run on what ingest stored: <c>Run:AsOf</c>, else the day after the latest event.</summary>
    public DateTime AsOfFor(IngestReport ingested)
    {
        if (runOptions.Value.AsOf is { } asOf)
        {
            return DateTime.SpecifyKind(asOf.Date, DateTimeKind.Utc);
        }

        return ingested.LastEvent is { } last
            ? DateTime.SpecifyKind(last.Date.AddDays(1), DateTimeKind.Utc)
            : throw new InvalidDataException("No contacts or purchases were stored, so the run has no as-of date; see the input errors above.");
    }

    private async Task SummarizeAsync(string runId, CancellationToken cancellationToken)
    {
        var context = log.ReadContext(runId);
        T Report<T>(string stage)
            where T : class => log.ReadReport<T>(runId, stage);
        var ingested = Report<IngestReport>(PipelineStages.Ingest);
        var labelled = Report<LabelReport>(PipelineStages.Label);
        var churned = Report<ChurnReport>(PipelineStages.Churn);
        var topicsReport = Report<TopicsReport>(PipelineStages.Topics);
        var ranked = Report<RankReport>(PipelineStages.Rank);

        var fixes = (await Parquet.Serialization.ParquetSerializer.DeserializeAsync<UpstreamFix>(
            Path.Combine(OutputFolder, RankStage.UpstreamFixesFile + ".parquet"), cancellationToken: cancellationToken)).Data.ToList();
        TruthReport? truthReport = null;
        if (!string.IsNullOrWhiteSpace(ingestOptions.Value.Truth) && Directory.Exists(ingestOptions.Value.Truth))
        {
            truthReport = await truth.EvaluateAsync(ingestOptions.Value.Truth, fixes, cancellationToken);
        }

        var reportFiles = await report.WriteAsync(runId, context.AsOf, ranked, fixes, OutputFolder, cancellationToken);
        string summaryPath = Path.Combine(OutputFolder, SummaryFile);
        var summary = new RunSummary(
            runId,
            context.AsOf,
            time.GetUtcNow(),
            ingested.Sources,
            new RunMetrics(
                labelled.Mode,
                Math.Round(labelled.HoldoutAccuracy, 4),
                labelled.Contacts == 0 ? 0 : Math.Round(labelled.Unclassified / (double)labelled.Contacts, 4),
                truthReport is null ? null : Math.Round(truthReport.RootCauseAccuracy, 4),
                churned.Validation is { } v ? Math.Round(v.RocAuc, 4) : null,
                churned.Validation is { } p ? Math.Round(p.PrAuc, 4) : null,
                churned.Validation is { } l ? Math.Round(l.TopDecileLift, 3) : null,
                churned.Validation is { } b ? Math.Round(b.Brier, 4) : null,
                churned.BgNbdRocAuc),
            truthReport,
            log.ReadReports(runId),
            [.. ranked.Outputs, topicsReport.Output, .. reportFiles, summaryPath],
            new Dictionary<string, string?> { [ModelRegistry.RootCauses] = labelled.Classifier, [ModelRegistry.Churn] = log.ReadArtifact<SavedModel>(runId, ChurnPin)?.Version },
            log.TryReadReport<AlertsReport>(runId, PipelineStages.Alerts)?.Drift);
        Directory.CreateDirectory(OutputFolder);
        await OutputWriter.WriteTextAsync(summaryPath, JsonSerializer.Serialize(summary, RunLog.Json), cancellationToken);
    }
}
