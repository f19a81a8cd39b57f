using System.Text.Json;
using Insight.Models.Evaluation;
using Insight.Models.Text;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Registry;

/// <summary>
/// Champion/challenger for the registry's two models: trains a challenger into the registry, measures it
/// and the champion on the same recent hold-out, and lets <see cref="ModelRegistry.Decide"/> promote it or
/// keep the champion; and finds the version a stage predicts with (the champion; with none yet, a model
/// trained now, which becomes the first champion).
/// </summary>
public sealed class Champions(
    ModelRegistry registry,
    ParquetLake lake,
    ILabelStage label,
    IChurnStage churn,
    RootCauseTaxonomy taxonomy,
    IOptions<RegistryOptions> options,
    IOptions<LabelOptions> labelOptions,
    ILogger<Champions> logger)
{
    public const string RootCauseMetric = "macro_f1";
    public const string ChurnMetric = "roc_auc";

    /// <summary>
    /// The classifier to label with: the champion; with none, one trained now as a challenger would be (so the
    /// train stage of the same data finds it is that version). Null when there is none and no contacts to train one on.
    /// </summary>
    public async Task<RootCauseModel?> RootCausesAsync(DateTime asOf, CancellationToken cancellationToken) =>
        RootCauseChampion() ?? (await TrainRootCausesAsync(asOf, cancellationToken))?.Model;

    /// <summary>The root-cause champion, or null when none has been promoted.</summary>
    public RootCauseModel? RootCauseChampion() =>
        registry.Champion(ModelRegistry.RootCauses) is { } champion ? RootCauseModelOf(champion, trainingSeconds: null) : null;

    /// <summary>
    /// Trains a root-cause challenger holding out the labelled contacts of the last <see cref="RegistryOptions.RootCauseHoldoutDays"/>
    /// before <paramref name="asOf"/>, and decides. When the champion was trained on the same contacts with the
    /// same settings (a first run's label stage trained it moments ago), it is the challenger: nothing is
    /// trained again. Null without contacts.
    /// </summary>
    public async Task<RootCauseChallenge?> TrainRootCausesAsync(DateTime asOf, CancellationToken cancellationToken)
    {
        string trainedOn = RootCauseInputs(asOf);
        if (registry.Champion(ModelRegistry.RootCauses) is { } champion && champion.Card.TrainedOn == trainedOn)
        {
            var same = registry.Decide(champion, champion, RootCauseMetric, null, 0);
            logger.LogInformation("Root-cause champion {Champion} was trained on the same contacts with the same settings: not trained again", champion.Version);
            return new RootCauseChallenge(RootCauseModelOf(champion, trainingSeconds: null), same);
        }

        return await TrainRootCausesAsync(asOf, trainedOn, cancellationToken);
    }

    private Task<RootCauseChallenge?> TrainRootCausesAsync(DateTime asOf, string trainedOn, CancellationToken cancellationToken) => StagedAsync(ModelRegistry.RootCauses, async staging =>
    {
        var training = await label.TrainClassifierAsync(Path.Combine(staging, ModelVersion.ModelFile), asOf.AddDays(-options.Value.RootCauseHoldoutDays), options.Value.MinHoldoutContacts, cancellationToken);
        if (training is null)
        {
            return null;
        }

        var challenger = registry.Register(staging, RootCauseCard(training.Card) with { TrainedOn = trainedOn });
        var champion = registry.Champion(ModelRegistry.RootCauses);
        var holdout = training.RecentHoldout;
        var challengerReport = holdout.Count > 0 ? label.EvaluateClassifier(challenger.ModelPath, holdout) : null;
        var championReport = champion is not null && champion.Version != challenger.Version && holdout.Count > 0
            ? label.EvaluateClassifier(champion.ModelPath, holdout)
            : null;
        (double, double)? scores = championReport is null ? null : (challengerReport!.MacroF1, championReport.MacroF1);
        var decision = registry.Decide(challenger, champion, RootCauseMetric, scores, holdout.Count);
        logger.LogInformation("Root-cause challenger {Challenger}: {Outcome} ({Reason})", challenger.Version, decision.Promoted ? "promoted" : "not promoted", decision.Reason);
        return new RootCauseChallenge(
            RootCauseModelOf(registry.Champion(ModelRegistry.RootCauses)!, decision.Promoted ? training.TrainingSeconds : null), decision, challengerReport, championReport);
    });

    /// <summary>
    /// What a root-cause training at <paramref name="asOf"/> reads and how, hashed: the contacts' files as they
    /// are on disk (name, size, time written), the window held out, the labelling and registry settings, the
    /// taxonomy and the code's version.
    /// </summary>
    private string RootCauseInputs(DateTime asOf)
    {
        var inputs = new
        {
            Files = lake.FilesOf(LakeTables.Contacts).Select(f => new FileInfo(f)).Select(f => new { f.Name, Stamp = FileStamp.Of(f) }).ToList(),
            AsOf = asOf,
            options.Value.RootCauseHoldoutDays,
            options.Value.MinHoldoutContacts,
            Labeling = labelOptions.Value,
            taxonomy.Version,
            taxonomy.RootCauses,
            ModelRegistry.CodeVersion,
        };
        return ModelRegistry.HashOf(inputs);
    }

    private static RootCauseModel RootCauseModelOf(ModelVersion version, double? trainingSeconds) =>
        new(version.Saved, version.Card.DetailsAs<ClassifierCard>(), trainingSeconds);

    /// <summary>The churn champion, or null when none has been promoted.</summary>
    public ModelVersion? ChurnChampion() => registry.Champion(ModelRegistry.Churn);

    /// <summary>The churn model to score with: the champion; with none, one trained now (<see cref="ChurnChallenge.Training"/> set). Null without purchases.</summary>
    public async Task<(ModelVersion? Model, ChurnTraining? TrainedNow)> ChurnAsync(DateTime asOf, CancellationToken cancellationToken)
    {
        if (registry.Champion(ModelRegistry.Churn) is { } champion)
        {
            return (champion, null);
        }

        var challenge = await TrainChurnAsync(asOf, cancellationToken);
        return (challenge.Decision is null ? null : registry.Champion(ModelRegistry.Churn), challenge.Training);
    }

    /// <summary>Trains a churn challenger at <paramref name="asOf"/> and decides: both are measured on the customers one horizon back, labelled by what they did since.</summary>
    public Task<ChurnChallenge> TrainChurnAsync(DateTime asOf, CancellationToken cancellationToken) => StagedAsync(ModelRegistry.Churn, async staging =>
    {
        var champion = registry.Champion(ModelRegistry.Churn);
        var training = await churn.TrainAsync(asOf, Path.Combine(staging, ModelVersion.ModelFile), cancellationToken, champion?.ModelPath);
        if (training.Card is not { } card)
        {
            return new ChurnChallenge(training, null, null);
        }

        var challenger = registry.Register(staging, ChurnCard(card));
        (double, double)? scores = champion is not null && champion.Version != challenger.Version && training.ChampionValidation is { } championReport
            ? (card.Validation.RocAuc, championReport.RocAuc)
            : null;
        var decision = registry.Decide(challenger, champion, ChurnMetric, scores, card.Validation.Rows);
        logger.LogInformation("Churn challenger {Challenger}: {Outcome} ({Reason})", challenger.Version, decision.Promoted ? "promoted" : "not promoted", decision.Reason);
        return new ChurnChallenge(training, challenger.Version, decision);
    });

    /// <summary>
    /// Trains into a new staging folder of the registry, which is gone afterwards: moved in as a version by
    /// <see cref="ModelRegistry.Register"/>, or deleted (no data to train on, or training failed).
    /// </summary>
    private async Task<T> StagedAsync<T>(string model, Func<string, Task<T>> train)
    {
        string staging = registry.NewStagingFolder(model);
        try
        {
            return await train(staging);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private ModelCard RootCauseCard(ClassifierCard card)
    {
        var trainer = labelOptions.Value.ToTrainerOptions();
        return new ModelCard(
            ModelRegistry.RootCauses, "", default, ModelRegistry.CodeVersion, card.DataFrom, card.DataTo, card.TrainingExamples + card.HoldoutExamples, card.LabelBalance,
            new Dictionary<string, double>
            {
                ["accuracy"] = Math.Round(card.HoldoutAccuracy, 4), ["macro_accuracy"] = Math.Round(card.HoldoutMacroAccuracy, 4), [RootCauseMetric] = Math.Round(card.HoldoutMacroF1, 4),
                ["abstention_threshold"] = card.Abstention?.Threshold ?? 0, ["holdout_precision"] = card.Abstention?.HoldoutPrecision ?? 0, ["holdout_coverage"] = card.Abstention?.HoldoutCoverage ?? 0,
            },
            [$"word 1-{trainer.Features.WordNgrams}-grams (up to {trainer.Features.MaximumWordNgrams:N0})", $"char 1-{trainer.Features.CharNgrams}-grams (up to {trainer.Features.MaximumCharNgrams:N0})", $"first {trainer.MaxTextLength:N0} characters of the customer's words"],
            new Dictionary<string, object>
            {
                ["trainer"] = "one-versus-all averaged perceptron + confidence calibration", ["iterations"] = trainer.Iterations, ["text"] = trainer.Features, ["mode"] = card.Mode,
                ["target_precision"] = labelOptions.Value.TargetPrecision, ["holdout_share"] = labelOptions.Value.HoldoutShare,
            },
            labelOptions.Value.Seed, taxonomy.Version, "", JsonSerializer.SerializeToElement(card, ModelRegistry.Json));
    }

    private ModelCard ChurnCard(ChurnModelCard card)
    {
        int churned = (int)Math.Round(card.TrainingRows * card.TrainingChurnRate);
        return new ModelCard(
            ModelRegistry.Churn, "", default, ModelRegistry.CodeVersion, DateTime.SpecifyKind(card.HistoryFrom ?? card.TrainAsOf, DateTimeKind.Utc), card.ValidationAsOf, card.TrainingRows,
            new Dictionary<string, int> { ["churned"] = churned, ["stayed"] = card.TrainingRows - churned },
            new Dictionary<string, double>
            {
                [ChurnMetric] = Math.Round(card.Validation.RocAuc, 4), ["pr_auc"] = Math.Round(card.Validation.PrAuc, 4), ["brier"] = Math.Round(card.Validation.Brier, 4),
                ["top_decile_lift"] = Math.Round(card.Validation.TopDecileLift, 3), ["bg_nbd_roc_auc"] = card.BgNbdRocAuc ?? 0,
            },
            card.Features, card.Trainer, card.Trainer.TryGetValue("seed", out var seed) ? Convert.ToInt32(seed, System.Globalization.CultureInfo.InvariantCulture) : 0,
            taxonomy.Version, "", JsonSerializer.SerializeToElement(card, ModelRegistry.Json));
    }
}

/// <summary>A root-cause challenger's outcome: the classifier to label with now, and the decision.</summary>
/// <param name="Model">The classifier to label with now: the champion after the decision.</param>
/// <param name="Decision">Whether the challenger was promoted, and why.</param>
/// <param name="ChallengerHoldout">The challenger on the recent hold-out (per class, confusion pairs); null when the window had too few contacts.</param>
/// <param name="ChampionHoldout">The champion on the same hold-out; null when there was none to compare with (or it is the same version).</param>
public sealed record RootCauseChallenge(RootCauseModel Model, PromotionDecision Decision, ClassificationReport? ChallengerHoldout = null, ClassificationReport? ChampionHoldout = null);

/// <summary>A churn challenger's outcome: its training, its version, and the decision (null without purchases).</summary>
public sealed record ChurnChallenge(ChurnTraining Training, string? Challenger, PromotionDecision? Decision);
