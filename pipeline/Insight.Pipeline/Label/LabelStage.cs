using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Insight.Models.Evaluation;
using Insight.Models.Text;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Label;

/// <inheritdoc />
public sealed class LabelStage(ParquetLake lake, RootCauseTaxonomy taxonomy, IOptions<LabelOptions> options, ILogger<LabelStage> logger) : ILabelStage
{
    /// <summary>The mode reported when there were no contacts to label.</summary>
    public const string NoContacts = "no-contacts";

    /// <summary>The mode when the classifier learns from agents' wrap-up codes.</summary>
    public const string DispositionsMode = "dispositions";

    /// <summary>The mode when it learns from the taxonomy's seed phrases (cold start).</summary>
    public const string SeedPhrasesMode = "seed-phrases";

    /// <summary>Folds of the out-of-fold pain-point scoring.</summary>
    private const int PainPointFolds = 3;

    /// <summary>Features of the pain-point models: word 1-3 grams, where the wording of a complaint lives.</summary>
    private static readonly TextFeatureOptions PainPointFeatures = new() { WordNgrams = 3, CharNgrams = 0, MaximumWordNgrams = 30_000 };

    /// <summary>Salt of the classifier's training sample.</summary>
    private const string SampleSalt = "label-sample";

    /// <summary>Contacts labelled at a time: what labelling holds of their texts. Each part of a chunk sets up its
    /// models' pipelines again (the pain-point taggers' caches start threads of their own), so fewer, larger chunks
    /// cost less: 1M contacts on 2 cores labelled at 18,900 and 19,500 contacts/s in chunks of 60,000 against
    /// 17,200 to 17,900 in chunks of 20,000, for about 400 MiB more.</summary>
    private const int ChunkSize = 60_000;

    /// <summary>Distinct values labelling shares one string for (channels, agents, queues, dispositions); values beyond are kept as read.</summary>
    private const int MaxSharedValues = 100_000;

    private readonly LabelOptions _options = options.Value;

    private readonly Lazy<Regex?> _seedMask = new(() => SeedMaskOf(taxonomy));

    /// <summary>Each pain point's seed phrases, searched for at once (null: a phrase is empty, which every text contains).</summary>
    private readonly Lazy<SearchValues<string>?[]> _seedPhrases = new(() =>
        [.. taxonomy.PainPoints.Select(p => p.SeedPhrases.Any(s => s.Length == 0) ? null : SearchValues.Create([.. p.SeedPhrases], StringComparison.OrdinalIgnoreCase))]);

    /// <summary>A pain-point fold's tagger, in the model folder (saved for shards).</summary>
    private static string PainPointModelFile(int fold) => $"pain-points-fold-{fold + 1}.zip";

    public async Task<ClassifierTraining?> TrainClassifierAsync(string modelPath, DateTime? holdoutFrom, int minHoldout, CancellationToken cancellationToken)
    {
        var examples = await TrainingExamplesAsync(holdoutFrom, cancellationToken);
        if (examples is null)
        {
            return null;
        }

        var (mode, recent, older) = examples;
        if (recent.Count < minHoldout || older.Count < taxonomy.RootCauses.Count || older.Select(l => l.Example.Label).Distinct().Count() < 2)
        {
            // Too little on one side of the window: learn from everything (still at most the cap: the union's
            // own stable sample), and leave the champion to stay.
            var union = new StableSample<Labelled>(_options.MaxTrainingExamples, SampleSalt);
            foreach (var example in older.Concat(recent))
            {
                union.Offer(example.ContactId, () => example);
            }

            (recent, older) = ([], union.Items());
        }

        // A stable split: the same contact is always on the same side, whatever the order of the input.
        var isHoldout = HoldoutFlags(older.Select(l => l.ContactId).ToList());
        logger.LogInformation("Training the root-cause classifier on {Count} {Mode} examples ({Recent} recent ones held out)", older.Count, mode, recent.Count);
        var trainer = new RootCauseTrainer(_options.ToTrainerOptions());
        var training = trainer.TrainCalibrated([.. older.Select(l => l.Example)], isHoldout, _options.TargetPrecision, _options.NoveltyQuantile);
        var classifier = _options.MinConfidence is { } fixedThreshold
            ? training.Classifier.WithCalibration(training.Calibration with { Threshold = fixedThreshold })
            : training.Classifier;
        classifier.Save(modelPath);
        if (!training.Calibration.TargetReached && _options.MinConfidence is null)
        {
            logger.LogWarning(
                "No confidence threshold reached the target precision {Target:0.00} on the hold-out; only the most confident predictions are kept (Labeling:TargetPrecision, or set Labeling:MinConfidence).",
                _options.TargetPrecision);
        }

        var abstention = new AbstentionReport(
            classifier.Calibration.Threshold,
            classifier.Calibration.ProbabilityFloor,
            _options.MinConfidence is null ? "target-precision" : "fixed",
            _options.TargetPrecision,
            training.Calibration.TargetReached,
            training.Calibration.HoldoutPrecision,
            training.Calibration.HoldoutCoverage,
            Math.Round(training.HoldoutCalibrationError, 4));
        var card = new ClassifierCard(mode, training.TrainingExamples, training.HoldoutExamples, training.Holdout.Accuracy, training.Holdout.MacroAccuracy, training.Holdout.MacroF1,
            taxonomy.Version, abstention, older.Min(l => l.StartedAt).Date, older.Max(l => l.StartedAt).Date.AddDays(1),
            older.GroupBy(l => l.Example.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        return new ClassifierTraining(card, [.. recent.Select(r => r.Example)], Math.Round((training.CalibrationTime + training.TrainingTime).TotalSeconds, 2));
    }

    public ClassificationReport EvaluateClassifier(string modelPath, IReadOnlyList<ContactText> examples) =>
        RootCauseClassifier.Load(modelPath, _options.Seed).Evaluate(examples);

    public async Task<LabelReport> RunAsync(RootCauseModel? classifier, CancellationToken cancellationToken)
    {
        var taggers = await TrainPainPointsAsync(cancellationToken);
        var models = ModelsFor(classifier, taggers);
        return Report(classifier, [await LabelAsync(Shard.Whole, () => models, LakeTables.LabeledContacts, cancellationToken)]);
    }

    public async Task<LabelTraining> TrainAsync(string modelFolder, RootCauseModel? classifier, CancellationToken cancellationToken)
    {
        var taggers = await TrainPainPointsAsync(cancellationToken) ?? [];
        var files = new List<string?>();
        for (int fold = 0; fold < taggers.Count; fold++)
        {
            files.Add(taggers[fold] is null ? null : PainPointModelFile(fold));
            taggers[fold]?.Save(Path.Combine(modelFolder, PainPointModelFile(fold)));
        }

        return new LabelTraining(classifier, files);
    }

    public Task<LabelScoring> LabelAsync(string modelFolder, LabelTraining training, Shard shard, string table, CancellationToken cancellationToken) =>
        LabelAsync(shard, () =>
        {
            if (training.PainPointTaggers.Count != PainPointFolds)
            {
                throw new InvalidOperationException($"The label stage's training in '{modelFolder}' saved no pain-point taggers for shards to label with.");
            }

            return ModelsFor(training.Classifier, [.. training.PainPointTaggers.Select(file => file is null ? null : PainPointTagger.Load(Path.Combine(modelFolder, file), _options.Seed))]);
        }, table, cancellationToken);

    public Task MergeAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken) =>
        lake.MergeAsync<LabeledContact>(tables, LakeTables.LabeledContacts, c => c.ContactId, cancellationToken: cancellationToken);

    public LabelReport Report(RootCauseModel? classifier, IReadOnlyList<LabelScoring> shards)
    {
        int contacts = shards.Sum(s => s.Contacts);
        if (classifier is null || contacts == 0)
        {
            return new LabelReport(NoContacts, 0, 0, 0, 0, 0, 0, 0, taxonomy.Version, null, 0, 0, new Dictionary<string, int>(), 0, classifier?.Saved.Version, false);
        }

        var card = classifier.Card;
        return new LabelReport(card.Mode, card.TrainingExamples, card.HoldoutExamples, card.HoldoutAccuracy, card.HoldoutMacroAccuracy, card.HoldoutMacroF1,
            contacts, shards.Sum(s => s.Unclassified), card.TaxonomyVersion, card.Abstention, classifier.TrainingSeconds ?? 0,
            Math.Round(contacts / Math.Max(shards.Sum(s => s.ClassifierSeconds), 1e-6)),
            taxonomy.PainPoints.ToDictionary(p => p.Id, p => shards.Sum(s => s.PainPoints.GetValueOrDefault(p.Id)), StringComparer.Ordinal),
            Math.Round(shards.Sum(s => s.FrustrationSum) / contacts, 4), classifier.Saved.Version, classifier.TrainingSeconds is not null,
            Math.Round(contacts / Math.Max(shards.Sum(s => s.LabellingSeconds), 1e-6)));
    }

    /// <summary>
    /// The classifier's examples, read in one pass over the contacts: dispositions when enough contacts carry
    /// one the taxonomy knows, otherwise seed-phrase weak labels. Those from <paramref name="holdoutFrom"/> on
    /// are the recent ones. Each side is a stable sample of at most <see cref="LabelOptions.MaxTrainingExamples"/>,
    /// in contact id order. Null when there are no contacts.
    /// </summary>
    private async Task<Examples?> TrainingExamplesAsync(DateTime? holdoutFrom, CancellationToken cancellationToken)
    {
        int cap = _options.MaxTrainingExamples;
        StableSample<Labelled> Sample() => new(cap, SampleSalt);
        var (dispositions, recentDispositions, weak, recentWeak) = (Sample(), Sample(), Sample(), Sample());
        var dispositionLabels = new HashSet<string>(StringComparer.Ordinal);
        var weakLabels = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        long contacts = 0;
        await foreach (var contact in ContactToLabel.ReadAsync(lake, cancellationToken))
        {
            contacts++;
            string text = contact.Text;
            bool recent = holdoutFrom is { } from && contact.StartedAt >= from;
            if (contact.Disposition is { } disposition && taxonomy.Contains(disposition))
            {
                dispositionLabels.Add(disposition);
                (recent ? recentDispositions : dispositions).Offer(contact.ContactId, () => new Labelled(contact.ContactId, contact.StartedAt, new ContactText { Text = text, Label = disposition }));
            }
            else if (contact.Disposition is { } other && unknown.Add(other) && unknown.Count > 5)
            {
                // The five first in order are kept for the error message.
                unknown.Remove(unknown.Max!);
            }

            // Weak labels are only needed while dispositions may still be too few.
            if (dispositions.Offered + recentDispositions.Offered < _options.MinLabelledContacts || dispositionLabels.Count < 2)
            {
                var matches = taxonomy.RootCauses.Where(r => r.SeedPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase))).Take(2).ToList();
                if (matches.Count == 1)
                {
                    weakLabels.Add(matches[0].Id);
                    (recent ? recentWeak : weak).Offer(contact.ContactId, () => new Labelled(contact.ContactId, contact.StartedAt, new ContactText { Text = text, Label = matches[0].Id }));
                }
            }
        }

        if (contacts == 0)
        {
            return null;
        }

        if (dispositions.Offered + recentDispositions.Offered >= _options.MinLabelledContacts && dispositionLabels.Count >= 2)
        {
            return new Examples(DispositionsMode, recentDispositions.Items(), dispositions.Items());
        }

        long labelled = weak.Offered + recentWeak.Offered;
        if (labelled < taxonomy.RootCauses.Count || weakLabels.Count < 2)
        {
            string hint = unknown.Count > 0
                ? $" The contacts' dispositions are not root causes of taxonomy {taxonomy.Version} (e.g. {string.Join(", ", unknown.Select(u => $"'{u}'"))}): map them onto its ids under Input:Contacts:Values:Disposition, or point Taxonomy:Path at a taxonomy of your own."
                : "";
            throw new InvalidDataException(
                $"Only {labelled} contacts carry a disposition that names a root cause or match seed phrases of exactly one, covering {weakLabels.Count} root cause(s); the classifier needs at least {taxonomy.RootCauses.Count} examples of at least 2.{hint}");
        }

        return new Examples(SeedPhrasesMode, recentWeak.Items(), weak.Items());
    }

    /// <summary>
    /// Labels the contacts of <paramref name="shard"/> a chunk at a time, so memory holds one chunk's texts
    /// and the (small) labelled rows, and writes them to <paramref name="table"/> in contact id order, so that
    /// shards merged by id make the same table as one pass over every contact. <paramref name="models"/> is
    /// called once, when the first contact is found (null: nothing to label with).
    /// </summary>
    private async Task<LabelScoring> LabelAsync(Shard shard, Func<Models?> models, string table, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<LabeledContact>();
        var painPointCounts = taxonomy.PainPoints.ToDictionary(p => p.Id, _ => 0, StringComparer.Ordinal);
        var frustration = new FrustrationScorer(taxonomy.Frustration);
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        var loaded = new Lazy<Models?>(models, LazyThreadSafetyMode.None);
        double classifierSeconds = 0;
        double frustrationSum = 0;
        int unclassified = 0;

        // The next chunk is read (Parquet decoding, one core) while the current one is labelled.
        await using var chunks = ChunksAsync(shard, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = ReadNextAsync();
        try
        {
            while (await next)
            {
                var chunk = chunks.Current;
                if (loaded.Value is not { } m)
                {
                    // Nothing to label with: the rest need not be read.
                    break;
                }

                // The chunk in as many parts as there are cores, each read by both models on its own thread; every row's labels depend on that row alone.
                var labelling = Task.WhenAll(Parts(chunk).Select(part => Task.Run(() => LabelPart(part, m, frustration), cancellationToken)));
                next = ReadNextAsync();
                var parts = await labelling;
                classifierSeconds += parts.Sum(p => p.ClassifierSeconds);
                var predictions = parts.SelectMany(p => p.Predictions).ToList();
                var painPoints = parts.SelectMany(p => p.PainPoints).ToList();
                var scores = parts.SelectMany(p => p.Frustration).ToList();
                for (int i = 0; i < chunk.Count; i++)
                {
                    var (contact, prediction) = (chunk[i], predictions[i]);
                    string rootCause = m.Classifier.Accepts(prediction) ? prediction.RootCause : RootCauseTaxonomy.Unclassified;
                    unclassified += rootCause == RootCauseTaxonomy.Unclassified ? 1 : 0;
                    foreach (string tag in painPoints[i])
                    {
                        painPointCounts[tag]++;
                    }

                    float score = scores[i];
                    frustrationSum += score;
                    rows.Add(new LabeledContact
                    {
                        ContactId = contact.ContactId,
                        CustomerId = contact.CustomerId,
                        StartedAt = contact.StartedAt,
                        Channel = Shared(contact.Channel)!,
                        AgentId = Shared(contact.AgentId),
                        Queue = Shared(contact.Queue),
                        RootCause = rootCause,
                        Owner = taxonomy.OwnerOf(rootCause),
                        Confidence = prediction.Confidence,
                        Disposition = Shared(contact.Disposition),
                        PainPoints = Shared(string.Join(RootCauseTaxonomy.PainPointSeparator, painPoints[i]))!,
                        Frustration = score,
                        TaxonomyVersion = taxonomy.Version,
                        ModelVersion = m.ClassifierVersion,
                    });
                }
            }
        }
        finally
        {
            // A failed labelling leaves a read under way; it ends before the enumerator is disposed.
            await Task.WhenAny(next);
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.ContactId, b.ContactId));
        await lake.WriteAsync(table, rows, cancellationToken: cancellationToken);
        return rows.Count == 0
            ? new LabelScoring(0, 0, new Dictionary<string, int>(), 0, 0)
            : new LabelScoring(rows.Count, unclassified, painPointCounts, frustrationSum, classifierSeconds, clock.Elapsed.TotalSeconds);

        // One string for the many rows that repeat a value (channels, agents, queues), as long as values repeat.
        string? Shared(string? value)
        {
            if (value is null || shared.Count >= MaxSharedValues)
            {
                return value;
            }

            if (!shared.TryGetValue(value, out string? one))
            {
                shared[value] = one = value;
            }

            return one;
        }

        // The enumerator's next move on a thread of its own, so that decoding overlaps the labelling.
        Task<bool> ReadNextAsync() => Task.Run(async () => await chunks.MoveNextAsync(), cancellationToken);
    }

    /// <summary>What both models find in some contacts (a part of a chunk), and their frustration.</summary>
    private PartLabels LabelPart(List<ContactToLabel> contacts, Models models, FrustrationScorer frustration)
    {
        var batch = Prepare(contacts);
        var clock = Stopwatch.StartNew();
        var predictions = models.Classifier.Predict(batch.Texts, parallel: false);
        double classifierSeconds = clock.Elapsed.TotalSeconds;
        var painPoints = FindPainPoints(batch, models.PainPoints);
        var scores = batch.Texts.Select((text, i) => frustration.Score(text, painPoints[i])).ToList();
        return new PartLabels(predictions, painPoints, scores, classifierSeconds);
    }

    /// <summary>A chunk cut into one consecutive part per core.</summary>
    private static IEnumerable<List<ContactToLabel>> Parts(List<ContactToLabel> chunk)
    {
        int size = Math.Max(1, (chunk.Count + Environment.ProcessorCount - 1) / Environment.ProcessorCount);
        for (int from = 0; from < chunk.Count; from += size)
        {
            yield return chunk.GetRange(from, Math.Min(size, chunk.Count - from));
        }
    }

    /// <summary>The contacts of the customers in <paramref name="shard"/>, <see cref="ChunkSize"/> at a time, in the lake's order.</summary>
    private async IAsyncEnumerable<List<ContactToLabel>> ChunksAsync(Shard shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new List<ContactToLabel>(ChunkSize);
        await foreach (var contact in ContactToLabel.ReadAsync(lake, cancellationToken))
        {
            if (!shard.Contains(contact.CustomerId))
            {
                continue;
            }

            chunk.Add(contact);
            if (chunk.Count == ChunkSize)
            {
                yield return chunk;
                chunk = new List<ContactToLabel>(ChunkSize);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>What the labelling models read of the contacts (the pain-point inputs are only needed there, not to train the classifier).</summary>
    private Batch Prepare(List<ContactToLabel> contacts)
    {
        var texts = contacts.Select(c => c.Text).ToList();
        var seeded = texts.Select(Seeded).ToList();
        return new Batch(texts, MaskSeeds(texts, seeded), seeded, [.. contacts.Select(c => FoldOf(c.ContactId))]);
    }

    /// <summary>The models labelling needs; null when there is nothing to label (or no classifier: no contacts to train one on).</summary>
    private Models? ModelsFor(RootCauseModel? classifier, IReadOnlyList<PainPointTagger?>? taggers)
    {
        if (classifier is null || taggers is null)
        {
            return null;
        }

        return new Models(RootCauseClassifier.Load(classifier.Saved.Path, _options.Seed), classifier.Saved.Version, taggers);
    }

    /// <summary>What the root-cause classifier reads: the customer's turns first (the agent's wording is
    /// often templated); the whole transcript when the customer's turns are not told apart.</summary>
    public static string ClassifierText(ContactRecord contact) => ClassifierText(contact.CustomerText, contact.Transcript);

    /// <summary>What the root-cause classifier reads of a contact's <paramref name="customerText"/> and <paramref name="transcript"/> (see <see cref="ClassifierText(ContactRecord)"/>).</summary>
    public static string ClassifierText(string customerText, string transcript) => customerText.Length > 0 ? customerText : transcript;

    /// <summary>Held out when the id's stable hash falls below the share; both sides keep at least one example.</summary>
    private List<bool> HoldoutFlags(List<string> ids)
    {
        var fractions = ids.Select(id => StableHash.Fraction(id, "label-holdout")).ToList();
        var flags = fractions.Select(f => f < _options.HoldoutShare).ToList();
        if (!flags.Contains(true))
        {
            flags[fractions.IndexOf(fractions.Min())] = true;
        }

        if (!flags.Contains(false))
        {
            flags[fractions.IndexOf(fractions.Max())] = false;
        }

        return flags;
    }

    /// <summary>
    /// Pain points per contact: seed phrases in the customer's words, plus a model per pain point trained
    /// on those seed labels. The model reads the text with every seed phrase masked out, so it has to learn
    /// the wording around the seeds (a seed alone would explain its labels perfectly and teach it nothing),
    /// and scores each contact out of fold (<see cref="PainPointFolds"/> folds by contact id), so a contact
    /// is judged by a model its own seed-less label did not train. These are the fold models; none when the
    /// taxonomy has no pain points.
    /// </summary>
    /// <remarks>They learn from a stable sample of at most <see cref="LabelOptions.MaxPainPointExamples"/> contacts. Null when there are no contacts.</remarks>
    private async Task<List<PainPointTagger?>?> TrainPainPointsAsync(CancellationToken cancellationToken)
    {
        var sample = new StableSample<ContactToLabel>(_options.MaxPainPointExamples, "pain-point-sample");
        await foreach (var contact in ContactToLabel.ReadAsync(lake, cancellationToken))
        {
            sample.Offer(contact.ContactId, () => contact);
        }

        if (sample.Count == 0)
        {
            return null;
        }

        if (taxonomy.PainPoints.Count == 0)
        {
            return [.. new PainPointTagger?[PainPointFolds]];
        }

        var batch = Prepare(sample.Items());
        return [.. PainPointTagger.TrainFolds(batch.Masked, PainPointIds, batch.Seeded, batch.Folds, PainPointFolds, PainPointFeatures, seed: _options.Seed)];
    }

    /// <summary>The pain points of each contact: its seed phrases, and what its fold's model finds (see <see cref="TrainPainPointsAsync"/>).</summary>
    private List<List<string>> FindPainPoints(Batch batch, IReadOnlyList<PainPointTagger?> taggers)
    {
        var tags = PainPointIds;
        var probabilities = new float[batch.Texts.Count][];
        for (int fold = 0; fold < PainPointFolds; fold++)
        {
            var inFold = Enumerable.Range(0, batch.Texts.Count).Where(i => batch.Folds[i] == fold).ToList();
            var scored = PainPointTagger.PredictFold(taggers[fold], tags.Count, [.. inFold.Select(i => batch.Masked[i])], parallel: false);
            for (int k = 0; k < inFold.Count; k++)
            {
                probabilities[inFold[k]] = scored[k];
            }
        }

        return batch.Seeded.Select((seeds, i) => tags.Where((_, t) => seeds[t] || probabilities[i][t] >= _options.PainPointThreshold).ToList()).ToList();
    }

    private List<string> PainPointIds => [.. taxonomy.PainPoints.Select(p => p.Id)];

    /// <summary>Which pain points' seed phrases a text contains.</summary>
    private bool[] Seeded(string text) => [.. _seedPhrases.Value.Select(phrases => phrases is null || text.AsSpan().ContainsAny(phrases))];

    /// <summary>The texts with every pain point's seed phrases blanked out; a text <paramref name="seeded"/> with none is left as it is.</summary>
    private List<string> MaskSeeds(List<string> words, List<bool[]> seeded) =>
        _seedMask.Value is { } mask ? [.. words.Select((text, i) => seeded[i].Contains(true) ? mask.Replace(text, " ") : text)] : words;

    /// <summary>Any pain point's seed phrase, longest first; null when there are none.</summary>
    private static Regex? SeedMaskOf(RootCauseTaxonomy taxonomy)
    {
        var seedPatterns = taxonomy.PainPoints.SelectMany(p => p.SeedPhrases).Where(s => s.Length > 0).OrderByDescending(s => s.Length).Select(Regex.Escape).ToList();
        return seedPatterns.Count == 0 ? null : new Regex(string.Join('|', seedPatterns), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    private static int FoldOf(string contactId) => (int)(StableHash.Fraction(contactId, "pain-point-fold") * PainPointFolds);

    /// <summary>What the models read of some contacts: the classifier's text, the text with pain-point seeds masked, the seeds found, the pain-point fold.</summary>
    private sealed record Batch(List<string> Texts, List<string> Masked, List<bool[]> Seeded, List<int> Folds);

    /// <summary>A classifier example and when its contact was.</summary>
    private sealed record Labelled(string ContactId, DateTime StartedAt, ContactText Example);

    /// <summary>The classifier's examples: how they were labelled, the recent ones (the window held out) and the older ones, each in contact id order.</summary>
    private sealed record Examples(string Mode, List<Labelled> Recent, List<Labelled> Older);

    /// <summary>Part of a chunk with the classifier's predictions, the pain points, the frustration scores, and the classifier's time.</summary>
    private sealed record PartLabels(IReadOnlyList<RootCausePrediction> Predictions, List<List<string>> PainPoints, List<float> Frustration, double ClassifierSeconds);

    /// <summary>The trained models labelling needs, and the classifier's version it records.</summary>
    private sealed record Models(RootCauseClassifier Classifier, string ClassifierVersion, IReadOnlyList<PainPointTagger?> PainPoints);
}
