using System.Diagnostics;
using Insight.Models.Churn;
using Insight.Models.Evaluation;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Churn;

/// <inheritdoc />
public sealed class ChurnStage(
    ParquetLake lake,
    RootCauseTaxonomy taxonomy,
    IOptions<ChurnOptions> options,
    IOptions<ResolutionOptions> resolution,
    ILogger<ChurnStage> logger) : IChurnStage
{
    /// <summary>Validation ROC-AUC above this is more likely leakage than skill.</summary>
    public const double ImplausibleAuc = 0.97;

    /// <summary>Most validation rows permutation importance is measured on.</summary>
    private const int ImportanceRows = 20_000;

    /// <summary>Customers built, scored and written at a time.</summary>
    private const int ScoringBatch = 50_000;

    /// <summary>Most customers the BG/NBD buying model is fitted on.</summary>
    private const int BuyingSample = 20_000;

    private readonly ChurnOptions _options = options.Value;

    /// <summary>Why churn is not scored without purchases.</summary>
    public const string NoPurchases = "there are no purchases in the lake; churn needs purchase history (check the purchases input in the run summary)";

    public async Task<ChurnReport> RunAsync(DateTime asOf, string modelPath, CancellationToken cancellationToken)
    {
        var training = await TrainAsync(asOf, modelPath, cancellationToken);
        var scoring = await ScoreAsync(asOf, training.Card is null ? null : new SavedModel(modelPath, SavedModel.Unregistered), Shard.Whole, LakeTables.CustomerFeatures, LakeTables.ChurnScores, cancellationToken);
        return Report(asOf, training.Card, [scoring], training);
    }

    public async Task<ChurnTraining> TrainAsync(DateTime asOf, string modelPath, CancellationToken cancellationToken, string? championPath = null)
    {
        var readClock = Stopwatch.StartNew();
        var purchases = await PurchasesByCustomerAsync(Shard.Whole, cancellationToken);
        var contacts = await ContactsByCustomerAsync(Shard.Whole, cancellationToken);
        double readSeconds = readClock.Elapsed.TotalSeconds;
        if (purchases.Count == 0)
        {
            // A contacts-only setup: fixes are ranked by contact cost, and there is no at-risk list.
            logger.LogWarning("Churn not trained: {Reason}.", NoPurchases);
            return new ChurnTraining(null, Math.Round(readSeconds, 2), 0);
        }

        var trainingClock = Stopwatch.StartNew();
        var (builder, buying, sample, cancelledAt, training, validation, trainAsOf, validationAsOf, trainingDates, firstPurchase) =
            await TrainingSetAsync(asOf, purchases, contacts, cancellationToken);
        var trainerOptions = _options.ToTrainerOptions();
        var model = new ChurnTrainer(trainerOptions).Train(training, builder.Names);
        var validationReport = model.Evaluate(validation);
        int alive = builder.IndexOf(ChurnFeatureNames.ProbabilityAlive);
        double bgNbdAuc = Math.Round(RocAuc.Of([.. validation.Select(r => r.Label)], [.. validation.Select(r => 1 - r.Features[alive])]), 4);
        double trainingChurnRate = training.Count(r => r.Label) / (double)training.Count;
        // Permutation importance re-scores the rows once per feature and shuffle: a stable sample is enough.
        var importance = model.Importance(validation.Count <= ImportanceRows
            ? validation
            : [.. validation.OrderBy(r => StableHash.Fraction(r.CustomerId, "churn-importance")).Take(ImportanceRows)]);
        model.Save(modelPath);
        var card = new ChurnModelCard(
            _options.Label, _options.HorizonDays, trainAsOf, validationAsOf, training.Count, trainingChurnRate, validationReport, bgNbdAuc,
            new Dictionary<string, object>
            {
                ["trainer"] = trainerOptions.TrainerName, ["trees"] = trainerOptions.Trees, ["leaves"] = trainerOptions.Leaves,
                ["minimumExamplesPerLeaf"] = trainerOptions.MinimumExamplesPerLeaf, ["learningRate"] = trainerOptions.LearningRate, ["seed"] = trainerOptions.Seed,
                ["trainingDates"] = trainingDates.Count, ["spacingDays"] = _options.SnapshotSpacingDays,
            },
            builder.Names, importance, buying, firstPurchase.Date,
            [.. builder.Names.Select((name, f) => PopulationStability.Profile(name, [.. validation.Select(r => (double)r.Features[f])]))]);
        card.Write(modelPath);
        double trainingSeconds = trainingClock.Elapsed.TotalSeconds;
        BinaryReport? championValidation = null;
        if (championPath is not null)
        {
            // The champion reads the same customers with its own feature layout and buying parameters.
            var championCard = ChurnModelCard.Read(championPath);
            var championBuilder = new CustomerFeatureBuilder(ChurnFeatureLayout.FromNames(championCard.Features), resolution.Value);
            championValidation = ChurnModel.LoadFrom(championPath, _options.Seed)
                .Evaluate(LabelledRows(championBuilder, sample, purchases, contacts, cancelledAt, validationAsOf, BuyingOf(championCard, championPath)));
        }

        return new ChurnTraining(card, Math.Round(readSeconds, 2), Math.Round(trainingSeconds, 2)) { ChampionValidation = championValidation };
    }

    public async Task<ChurnScoring> ScoreAsync(DateTime asOf, SavedModel? saved, Shard shard, string featuresTable, string scoresTable, CancellationToken cancellationToken)
    {
        if (saved is null)
        {
            // No model (no purchases to train on): the tables are empty.
            await lake.WriteAsync(featuresTable, new List<CustomerFeatureRow>(), FeatureMetadata([]), cancellationToken);
            await lake.WriteAsync(scoresTable, new List<ChurnScore>(), cancellationToken: cancellationToken);
            return new ChurnScoring(0, 0, 0, 0, 0, 0);
        }

        var readClock = Stopwatch.StartNew();
        string modelPath = saved.Path;
        var card = ChurnModelCard.Read(modelPath);
        var buying = BuyingOf(card, modelPath);
        var purchases = await PurchasesByCustomerAsync(shard, cancellationToken);
        var contacts = await ContactsByCustomerAsync(shard, cancellationToken);
        var cancelledAt = _options.Label == ChurnOptions.Subscription ? await CancellationsAsync(cancellationToken) : null;
        double readSeconds = readClock.Elapsed.TotalSeconds;
        var builder = new CustomerFeatureBuilder(ChurnFeatureLayout.FromNames(card.Features), resolution.Value);
        var model = ChurnModel.LoadFrom(modelPath, _options.Seed);
        var reasons = new ReasonWriter(builder, taxonomy);

        // Scoring streams: a batch of customers at a time is built, scored and written, so the features and
        // scores of all customers are never in memory together.
        await using var featureWriter = lake.OpenWriter<CustomerFeatureRow>(featuresTable, FeatureMetadata(card.Features));
        await using var scoreWriter = lake.OpenWriter<ChurnScore>(scoresTable);
        var featureClock = new Stopwatch();
        var scoreClock = new Stopwatch();
        int scored = 0, alreadyChurned = 0, highRisk = 0;
        foreach (var batch in purchases.Keys.Order(StringComparer.Ordinal).Chunk(ScoringBatch))
        {
            featureClock.Start();
            var snapshots = batch.AsParallel().AsOrdered()
                .Select(id => builder.Build(id, purchases[id], contacts.GetValueOrDefault(id) ?? [], asOf, buying))
                .OfType<CustomerSnapshot>()
                .ToList();
            featureClock.Stop();
            scoreClock.Start();
            // All positive contributions, so that reasons a person cannot act on can be passed over; none for
            // customers on no list (already lost, or below Churn:ReasonsFrom).
            var lost = snapshots.Where(x => IsLost(builder, x, cancelledAt, asOf)).Select(x => x.CustomerId).ToHashSet(StringComparer.Ordinal);
            var predictions = model.Score(
                [.. snapshots.Select(s => new CustomerFeatures { CustomerId = s.CustomerId, Features = s.Values })],
                reasons: builder.Names.Count,
                explain: (row, probability) => probability >= _options.ReasonsFrom && !lost.Contains(row.CustomerId));
            var scores = snapshots.Zip(predictions).AsParallel().AsOrdered()
                .Select(p => ToScore(p.First, p.Second, builder, reasons, lost.Contains(p.First.CustomerId), asOf, saved.Version))
                .ToList();
            scoreClock.Stop();
            await featureWriter.AddRangeAsync(snapshots.Select(s => new CustomerFeatureRow { CustomerId = s.CustomerId, AsOf = asOf, Values = s.Values }), cancellationToken);
            await scoreWriter.AddRangeAsync(scores, cancellationToken);
            scored += scores.Count;
            alreadyChurned += scores.Count(s => s.AlreadyChurned);
            highRisk += scores.Count(s => !s.AlreadyChurned && s.Tier == "high");
        }

        await featureWriter.CompleteAsync(cancellationToken);
        await scoreWriter.CompleteAsync(cancellationToken);
        logger.LogInformation("Scored {Customers} customers ({Shard}): features {FeatureSeconds:0.0} s, scoring {ScoreSeconds:0.0} s",
            scored, shard.IsWhole ? "all" : "shard " + shard, featureClock.Elapsed.TotalSeconds, scoreClock.Elapsed.TotalSeconds);
        return new ChurnScoring(scored, alreadyChurned, highRisk,
            Math.Round(readSeconds, 2), Math.Round(featureClock.Elapsed.TotalSeconds, 2), Math.Round(scoreClock.Elapsed.TotalSeconds, 2));
    }

    public async Task MergeAsync(IReadOnlyList<(string Features, string Scores)> shards, CancellationToken cancellationToken)
    {
        var metadata = shards.Count == 0
            ? FeatureMetadata([])
            : new Dictionary<string, string> { [CustomerFeatureRow.FeatureNamesKey] = (await lake.ReadMetadataAsync(shards[0].Features, cancellationToken)).GetValueOrDefault(CustomerFeatureRow.FeatureNamesKey, "") };
        await lake.MergeAsync<CustomerFeatureRow>([.. shards.Select(s => s.Features)], LakeTables.CustomerFeatures, r => r.CustomerId, metadata, cancellationToken);
        await lake.MergeAsync<ChurnScore>([.. shards.Select(s => s.Scores)], LakeTables.ChurnScores, r => r.CustomerId, cancellationToken: cancellationToken);
    }

    public ChurnReport Report(DateTime asOf, ChurnModelCard? card, IReadOnlyList<ChurnScoring> shards, ChurnTraining? training = null)
    {
        if (card is null)
        {
            return new ChurnReport(null, null, asOf, 0, 0, null, 0, 0, 0, null, NoPurchases);
        }

        double scoringSeconds = shards.Sum(s => s.ScoringSeconds);
        int scored = shards.Sum(s => s.Scored);
        var timings = new ChurnTimings(
            Math.Round((training?.ReadSeconds ?? 0) + shards.Sum(s => s.ReadSeconds), 2), training?.TrainingSeconds ?? 0,
            Math.Round(shards.Sum(s => s.FeatureSeconds), 2), Math.Round(scoringSeconds, 2), scoringSeconds > 0 ? Math.Round(scored / scoringSeconds) : 0);
        string? leakage = card.Validation.RocAuc > ImplausibleAuc
            ? $"Validation ROC-AUC {card.Validation.RocAuc:0.000} is implausibly high: check the features for data from after the as-of date."
            : null;
        return new ChurnReport(card.TrainAsOf, card.ValidationAsOf, asOf, card.TrainingRows, card.TrainingChurnRate,
            card.Validation, scored, shards.Sum(s => s.AlreadyChurned), shards.Sum(s => s.HighRisk), leakage,
            BgNbdRocAuc: card.BgNbdRocAuc, Importance: card.Importance, Timings: timings);
    }

    /// <summary>
    /// What new contacts did to customers' churn risk: each customer's probability at <paramref name="asOf"/>
    /// from the saved model, without their contacts from <paramref name="newContactsFrom"/>[customer] on and
    /// with them. Customers already lost, or without purchases, are left out; so is everything when the model's
    /// card predates saved buying parameters. <paramref name="contacts"/> are the labelled contacts the caller
    /// has already read (those of other customers are passed over).
    /// </summary>
    public async Task<IReadOnlyList<RiskChange>> ScoreContactEffectAsync(
        string modelPath, DateTime asOf, IReadOnlyList<LabeledContact> contacts, IReadOnlyDictionary<string, DateTime> newContactsFrom, CancellationToken cancellationToken)
    {
        var card = ChurnModelCard.Read(modelPath);
        if (card.Buying is null || newContactsFrom.Count == 0)
        {
            return [];
        }

        var purchases = await ByCustomerAsync<PurchaseRecord>(LakeTables.Purchases, p => p.CustomerId, p => p.OrderedAt, newContactsFrom.ContainsKey, cancellationToken);
        var contactsOf = contacts.Where(c => purchases.ContainsKey(c.CustomerId))
            .GroupBy(c => c.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LabeledContact>)[.. g.OrderBy(c => c.StartedAt)], StringComparer.Ordinal);
        var cancelledAt = card.Label == ChurnOptions.Subscription ? await CancellationsAsync(cancellationToken) : null;
        var builder = new CustomerFeatureBuilder(ChurnFeatureLayout.FromNames(card.Features), resolution.Value);
        var pairs = new List<(CustomerSnapshot Before, CustomerSnapshot After)>();
        foreach (string id in purchases.Keys.Order(StringComparer.Ordinal))
        {
            var all = contactsOf.GetValueOrDefault(id) ?? [];
            var after = builder.Build(id, purchases[id], all, asOf, card.Buying);
            var before = builder.Build(id, purchases[id], [.. all.Where(c => c.StartedAt < newContactsFrom[id])], asOf, card.Buying);
            if (after is not null && before is not null && !IsLost(builder, after, cancelledAt, asOf))
            {
                pairs.Add((before, after));
            }
        }

        var model = ChurnModel.LoadFrom(modelPath, _options.Seed);
        var rows = pairs.SelectMany(p => new[] { p.Before, p.After }).Select(s => new CustomerFeatures { CustomerId = s.CustomerId, Features = s.Values }).ToList();
        var predictions = model.Score(rows, reasons: 0, explain: (_, _) => false);
        return [.. pairs.Select((p, i) => new RiskChange(
            p.After.CustomerId, Math.Round(predictions[2 * i].Probability, 4), Math.Round(predictions[(2 * i) + 1].Probability, 4), p.After.MainRootCause))];
    }

    /// <summary>The BG/NBD parameters a saved model's features were built with.</summary>
    private static BgNbd BuyingOf(ChurnModelCard card, string modelPath) =>
        card.Buying ?? throw new InvalidDataException($"The churn model '{modelPath}' was saved without its buying parameters (an older card); train it again before scoring with it.");

    /// <summary>The feature table's metadata: the feature names in vector order.</summary>
    private static Dictionary<string, string> FeatureMetadata(IEnumerable<string> names) =>
        new() { [CustomerFeatureRow.FeatureNamesKey] = string.Join(',', names) };

    /// <summary>Each customer's purchases in time order, for the customers in the shard.</summary>
    private async Task<Dictionary<string, IReadOnlyList<PurchaseRecord>>> PurchasesByCustomerAsync(Shard shard, CancellationToken cancellationToken) =>
        await ByCustomerAsync<PurchaseRecord>(LakeTables.Purchases, p => p.CustomerId, p => p.OrderedAt, shard.Contains, cancellationToken);

    /// <summary>Each customer's labelled contacts in time order, for the customers in the shard.</summary>
    private async Task<Dictionary<string, IReadOnlyList<LabeledContact>>> ContactsByCustomerAsync(Shard shard, CancellationToken cancellationToken) =>
        await ByCustomerAsync<LabeledContact>(LakeTables.LabeledContacts, c => c.CustomerId, c => c.StartedAt, shard.Contains, cancellationToken);

    private async Task<Dictionary<string, IReadOnlyList<T>>> ByCustomerAsync<T>(
        string table, Func<T, string> customer, Func<T, DateTime> time, Func<string, bool> include, CancellationToken cancellationToken)
        where T : class, new()
    {
        var rows = new List<T>();
        await foreach (var row in lake.ReadAsync<T>(table, cancellationToken))
        {
            if (include(customer(row)))
            {
                rows.Add(row);
            }
        }

        return rows.GroupBy(customer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<T>)[.. g.OrderBy(time)], StringComparer.Ordinal);
    }

    /// <summary>
    /// The rows the churn model learns from and is validated on at <paramref name="asOf"/> (the same the train
    /// stage uses): features and labels, with the feature names; null without purchases. For comparing other
    /// learners on exactly these rows (<c>insight bench peer</c>).
    /// </summary>
    public async Task<(IReadOnlyList<string> Names, List<CustomerFeatures> Training, List<CustomerFeatures> Validation)?> TrainingRowsAsync(DateTime asOf, CancellationToken cancellationToken)
    {
        var purchases = await PurchasesByCustomerAsync(Shard.Whole, cancellationToken);
        if (purchases.Count == 0)
        {
            return null;
        }

        var set = await TrainingSetAsync(asOf, purchases, await ContactsByCustomerAsync(Shard.Whole, cancellationToken), cancellationToken);
        return (set.Builder.Names, set.Training, set.Validation);
    }

    /// <summary>The dates, the feature builder and the labelled rows of a training at <paramref name="asOf"/>.</summary>
    private async Task<TrainingSet> TrainingSetAsync(
        DateTime asOf,
        Dictionary<string, IReadOnlyList<PurchaseRecord>> purchases,
        Dictionary<string, IReadOnlyList<LabeledContact>> contacts,
        CancellationToken cancellationToken)
    {
        var customerIds = purchases.Keys.Order(StringComparer.Ordinal).ToList();
        var firstPurchase = purchases.Values.Min(p => p[0].OrderedAt);
        var validationAsOf = asOf.AddDays(-_options.HorizonDays);
        var trainAsOf = validationAsOf.AddDays(-_options.HorizonDays);
        if (trainAsOf <= firstPurchase.AddDays(30))
        {
            throw new InvalidDataException(
                $"Churn needs history from at least {_options.HorizonDays * 2 + 30} days before the as-of date {asOf:yyyy-MM-dd} " +
                $"(train at {trainAsOf:yyyy-MM-dd}, validate at {validationAsOf:yyyy-MM-dd}); the first purchase is {firstPurchase:yyyy-MM-dd}.");
        }

        var layout = CustomerFeatureBuilder.LayoutFor(taxonomy, contacts.Values.SelectMany(c => c), trainAsOf, _options.RootCauseFeatures, _options.ChannelFeatures);
        var builder = new CustomerFeatureBuilder(layout, resolution.Value);
        var cancelledAt = _options.Label == ChurnOptions.Subscription ? await CancellationsAsync(cancellationToken) : null;

        // BG/NBD's parameters describe the population: fitted once, at the training date, and applied to
        // each customer's own history at every date, so the feature means the same thing in training,
        // validation and scoring (the card keeps them for scoring).
        var buying = CustomerFeatureBuilder.FitBuying(purchases, trainAsOf, BuyingSample);
        var sample = TrainingSample(customerIds);
        // Earlier training dates add rows (and the model sees customers at every stage of their life); each
        // label window ends by the training date plus the horizon, the validation date, so validation stays unseen.
        var trainingDates = Enumerable.Range(0, _options.TrainingSnapshots)
            .Select(k => trainAsOf.AddDays(-k * _options.SnapshotSpacingDays))
            .TakeWhile((date, k) => k == 0 || date > firstPurchase.AddDays(30))
            .ToList();
        var training = trainingDates.SelectMany(date => LabelledRows(builder, sample, purchases, contacts, cancelledAt, date, buying)).ToList();
        var validation = LabelledRows(builder, sample, purchases, contacts, cancelledAt, validationAsOf, buying);
        return new TrainingSet(builder, buying, sample, cancelledAt, training, validation, trainAsOf, validationAsOf, trainingDates, firstPurchase);
    }

    private sealed record TrainingSet(
        CustomerFeatureBuilder Builder,
        BgNbd Buying,
        List<string> Sample,
        IReadOnlyDictionary<string, DateTime>? CancelledAt,
        List<CustomerFeatures> Training,
        List<CustomerFeatures> Validation,
        DateTime TrainAsOf,
        DateTime ValidationAsOf,
        List<DateTime> TrainingDates,
        DateTime FirstPurchase);

    /// <summary>Training and validation need the spread of behaviour, not every customer: a stable sample of a large base, in id order.</summary>
    private List<string> TrainingSample(List<string> customerIds)
    {
        int sampleSize = Math.Max(1_000, _options.TrainingRows / _options.TrainingSnapshots);
        return customerIds.Count <= sampleSize
            ? customerIds
            : [.. customerIds.OrderBy(id => StableHash.Fraction(id, "churn-training")).Take(sampleSize).Order(StringComparer.Ordinal)];
    }

    /// <summary>Features at <paramref name="asOf"/> with labels from the horizon after it, for customers still active then.</summary>
    private List<CustomerFeatures> LabelledRows(
        CustomerFeatureBuilder builder,
        IEnumerable<string> customerIds,
        IReadOnlyDictionary<string, IReadOnlyList<PurchaseRecord>> purchases,
        IReadOnlyDictionary<string, IReadOnlyList<LabeledContact>> contacts,
        IReadOnlyDictionary<string, DateTime>? cancelledAt,
        DateTime asOf,
        BgNbd buying)
    {
        return
        [
            .. customerIds.AsParallel().AsOrdered()
                .Select(id => builder.Build(id, purchases[id], contacts.GetValueOrDefault(id) ?? [], asOf, buying))
                .Where(snapshot => snapshot is not null && !IsLost(builder, snapshot, cancelledAt, asOf))
                .Select(snapshot => new CustomerFeatures
                {
                    CustomerId = snapshot!.CustomerId,
                    Features = snapshot.Values,
                    Label = cancelledAt is null
                        ? CustomerFeatureBuilder.ChurnedWithin(purchases[snapshot.CustomerId], asOf, _options.HorizonDays)
                        : cancelledAt.TryGetValue(snapshot.CustomerId, out var cancelled) && cancelled < asOf.AddDays(_options.HorizonDays),
                }),
        ];
    }

    /// <summary>Lost before <paramref name="asOf"/>: cancelled (subscription), or no purchase for a whole horizon (transactional).</summary>
    private bool IsLost(CustomerFeatureBuilder builder, CustomerSnapshot snapshot, IReadOnlyDictionary<string, DateTime>? cancelledAt, DateTime asOf) =>
        cancelledAt is null
            ? builder.ValueOf(snapshot, ChurnFeatureNames.DaysSinceLastOrder) >= _options.HorizonDays
            : cancelledAt.TryGetValue(snapshot.CustomerId, out var cancelled) && cancelled < asOf;

    /// <summary>Subscription churn: each customer's cancellation time, from <c>lake/customers</c>.</summary>
    private async Task<IReadOnlyDictionary<string, DateTime>> CancellationsAsync(CancellationToken cancellationToken)
    {
        var customers = await lake.ReadAllAsync<CustomerRecord>(LakeTables.Customers, cancellationToken);
        if (!customers.Any(c => c.CancelledAt is not null))
        {
            throw new InvalidDataException(
                customers.Any(c => c.Cancelled == true)
                    ? "Churn:Label is subscription, but the customers say who cancelled without saying when; a time-based backtest needs CancelledAt (for data without dates, use `insight evaluate churn`, which cross-validates)."
                    : "Churn:Label is subscription, but no customer in lake/customers has a CancelledAt; map the cancellation time of the customers source.");
        }

        return customers.Where(c => c.CancelledAt is not null).ToDictionary(c => c.CustomerId, c => c.CancelledAt!.Value, StringComparer.Ordinal);
    }

    private ChurnScore ToScore(
        CustomerSnapshot snapshot, ChurnPrediction prediction, CustomerFeatureBuilder builder, ReasonWriter reasons, bool lost, DateTime asOf, string modelVersion)
    {
        double expectedSpend = Math.Round(snapshot.ExpectedSpendPerDay * _options.HorizonDays, 2);
        // Value at risk is computed from the rounded figures, so the output's columns multiply out.
        double probability = Math.Round(prediction.Probability, 4);
        // Several features can say the same thing (days since the last order, gap ratio): keep three distinct sentences.
        var topReasons = prediction.TopContributions
            .Select(c => builder.Names[c.Feature])
            .Where(f => reasons.Explains(f, snapshot))
            .Select(f => (Feature: f, Text: reasons.Write(f, snapshot)))
            .DistinctBy(r => r.Text)
            .Take(3)
            .ToList();
        var topFeatures = topReasons.Select(r => r.Feature).ToList();
        bool contactDriven = topFeatures.Count > 0 && ChurnFeatureNames.IsContactFeature(topFeatures[0]) && snapshot.MainRootCause is not null;
        string owner = contactDriven ? taxonomy.OwnerOf(snapshot.MainRootCause!) : "general";
        return new ChurnScore
        {
            CustomerId = snapshot.CustomerId,
            AsOf = asOf,
            ChurnProbability = probability,
            ExpectedSpend = expectedSpend,
            ValueAtRisk = Math.Round(probability * expectedSpend, 2),
            Tier = probability >= _options.HighRiskThreshold ? "high" : probability >= _options.MediumRiskThreshold ? "medium" : "low",
            Reasons = string.Join("; ", topReasons.Select(r => r.Text)),
            TopRootCause = snapshot.MainRootCause,
            SuggestedAction = _options.Actions.GetValueOrDefault(contactDriven ? owner : "default")
                ?? _options.Actions.GetValueOrDefault("default")
                ?? "Reach out with a personal offer",
            OwnerQueue = "retention-" + owner,
            DaysSinceLastOrder = Math.Round(builder.ValueOf(snapshot, ChurnFeatureNames.DaysSinceLastOrder), 1),
            AlreadyChurned = lost,
            ModelVersion = modelVersion,
        };
    }
}
