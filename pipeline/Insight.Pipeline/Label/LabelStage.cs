using System.Diagnostics;
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

    private readonly LabelOptions _options = options.Value;

    /// <summary>A pain-point fold's tagger, in the model folder (saved for shards).</summary>
    private static string PainPointModelFile(int fold) => $"pain-points-fold-{fold + 1}.zip";

    public async Task<ClassifierTraining?> TrainClassifierAsync(string modelPath, DateTime? holdoutFrom, int minHoldout, CancellationToken cancellationToken)
    {
        var contacts = await ReadContactsAsync(Shard.Whole, cancellationToken);
        if (contacts.Count == 0)
        {
            return null;
        }

        var (mode, labelled) = TrainingExamples(contacts, [.. contacts.Select(ClassifierText)]);
        var startedAt = contacts.ToDictionary(c => c.ContactId, c => c.StartedAt, StringComparer.Ordinal);
        var recent = holdoutFrom is { } from ? labelled.Where(l => startedAt[l.ContactId] >= from).ToList() : [];
        var older = labelled.Where(l => holdoutFrom is not { } f || startedAt[l.ContactId] < f).ToList();
        if (recent.Count < minHoldout || older.Count < taxonomy.RootCauses.Count || older.Select(l => l.Example.Label).Distinct().Count() < 2)
        {
            // Too little on one side of the window: learn from everything, and leave the champion to stay.
            (recent, older) = ([], labelled);
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
        var dates = older.Select(l => startedAt[l.ContactId]).ToList();
        var card = new ClassifierCard(mode, training.TrainingExamples, training.HoldoutExamples, training.Holdout.Accuracy, training.Holdout.MacroAccuracy, training.Holdout.MacroF1,
            taxonomy.Version, abstention, dates.Min().Date, dates.Max().Date.AddDays(1),
            older.GroupBy(l => l.Example.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        return new ClassifierTraining(card, [.. recent.Select(r => r.Example)], Math.Round((training.CalibrationTime + training.TrainingTime).TotalSeconds, 2));
    }

    public ClassificationReport EvaluateClassifier(string modelPath, IReadOnlyList<ContactText> examples) =>
        RootCauseClassifier.Load(modelPath, _options.Seed).Evaluate(examples);

    public async Task<LabelReport> RunAsync(RootCauseModel? classifier, CancellationToken cancellationToken)
    {
        var contacts = Prepare(await ReadContactsAsync(Shard.Whole, cancellationToken));
        var models = ModelsFor(classifier, contacts.Contacts.Count == 0 ? null : TrainPainPoints(contacts));
        return Report(classifier, [await LabelAsync(contacts, models, LakeTables.LabeledContacts, cancellationToken)]);
    }

    public async Task<LabelTraining> TrainAsync(string modelFolder, RootCauseModel? classifier, CancellationToken cancellationToken)
    {
        var contacts = Prepare(await ReadContactsAsync(Shard.Whole, cancellationToken));
        var taggers = contacts.Contacts.Count == 0 ? [] : TrainPainPoints(contacts);
        var files = new List<string?>();
        for (int fold = 0; fold < taggers.Count; fold++)
        {
            files.Add(taggers[fold] is null ? null : PainPointModelFile(fold));
            taggers[fold]?.Save(Path.Combine(modelFolder, PainPointModelFile(fold)));
        }

        return new LabelTraining(classifier, files);
    }

    public async Task<LabelScoring> LabelAsync(string modelFolder, LabelTraining training, Shard shard, string table, CancellationToken cancellationToken)
    {
        var contacts = Prepare(await ReadContactsAsync(shard, cancellationToken));
        Models? models = null;
        if (contacts.Contacts.Count > 0)
        {
            if (training.PainPointTaggers.Count != PainPointFolds)
            {
                throw new InvalidOperationException($"The label stage's training in '{modelFolder}' saved no pain-point taggers for shards to label with.");
            }

            models = ModelsFor(training.Classifier, [.. training.PainPointTaggers.Select(file => file is null ? null : PainPointTagger.Load(Path.Combine(modelFolder, file), _options.Seed))]);
        }

        return await LabelAsync(contacts, models, table, cancellationToken);
    }

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
            Math.Round(shards.Sum(s => s.FrustrationSum) / contacts, 4), classifier.Saved.Version, classifier.TrainingSeconds is not null);
    }

    /// <summary>The contacts of the customers in <paramref name="shard"/>, in contact id order (whatever the order of the input).</summary>
    private async Task<List<ContactRecord>> ReadContactsAsync(Shard shard, CancellationToken cancellationToken)
    {
        var contacts = new List<ContactRecord>();
        await foreach (var contact in lake.ReadAsync<ContactRecord>(LakeTables.Contacts, cancellationToken))
        {
            if (shard.Contains(contact.CustomerId))
            {
                contacts.Add(contact);
            }
        }

        contacts.Sort((a, b) => string.CompareOrdinal(a.ContactId, b.ContactId));
        return contacts;
    }

    /// <summary>What the labelling models read of the contacts (the pain-point inputs are only needed there, not to train the classifier).</summary>
    private Batch Prepare(List<ContactRecord> contacts)
    {
        var texts = contacts.Select(ClassifierText).ToList();
        return new Batch(contacts, texts, MaskSeeds(texts), [.. texts.Select(Seeded)], [.. contacts.Select(c => FoldOf(c.ContactId))]);
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

    /// <summary>
    /// Labels contacts with the trained models and writes them to <paramref name="table"/> in contact id
    /// order, so that shards merged by id make the same table as one pass over every contact.
    /// </summary>
    private async Task<LabelScoring> LabelAsync(Batch batch, Models? models, string table, CancellationToken cancellationToken)
    {
        var (contacts, texts) = (batch.Contacts, batch.Texts);
        if (models is null || contacts.Count == 0)
        {
            await lake.WriteAsync(table, new List<LabeledContact>(), cancellationToken: cancellationToken);
            return new LabelScoring(0, 0, new Dictionary<string, int>(), 0, 0);
        }

        var clock = Stopwatch.StartNew();
        var predictions = models.Classifier.Predict(texts);
        double classifierSeconds = clock.Elapsed.TotalSeconds;

        var painPoints = FindPainPoints(batch, models.PainPoints);
        var frustration = new FrustrationScorer(taxonomy.Frustration);
        var rows = contacts.Select((contact, i) =>
        {
            var prediction = predictions[i];
            string rootCause = models.Classifier.Accepts(prediction) ? prediction.RootCause : RootCauseTaxonomy.Unclassified;
            return new LabeledContact
            {
                ContactId = contact.ContactId,
                CustomerId = contact.CustomerId,
                StartedAt = contact.StartedAt,
                Channel = contact.Channel,
                AgentId = contact.AgentId,
                Queue = contact.Queue,
                RootCause = rootCause,
                Owner = taxonomy.OwnerOf(rootCause),
                Confidence = prediction.Confidence,
                Disposition = contact.Disposition,
                PainPoints = string.Join(RootCauseTaxonomy.PainPointSeparator, painPoints[i]),
                Frustration = frustration.Score(texts[i], painPoints[i]),
                TaxonomyVersion = taxonomy.Version,
                ModelVersion = models.ClassifierVersion,
            };
        }).ToList();
        await lake.WriteAsync(table, rows, cancellationToken: cancellationToken);
        return new LabelScoring(
            rows.Count,
            rows.Count(r => r.RootCause == RootCauseTaxonomy.Unclassified),
            taxonomy.PainPoints.ToDictionary(p => p.Id, p => painPoints.Count(tags => tags.Contains(p.Id)), StringComparer.Ordinal),
            rows.Sum(r => (double)r.Frustration),
            classifierSeconds);
    }

    /// <summary>What the root-cause classifier reads: the customer's turns first (the agent's wording is
    /// often templated); the whole transcript when the customer's turns are not told apart.</summary>
    public static string ClassifierText(ContactRecord contact) => contact.CustomerText.Length > 0 ? contact.CustomerText : contact.Transcript;

    /// <summary>Dispositions when enough contacts carry one the taxonomy knows; otherwise seed-phrase weak labels.</summary>
    private (string Mode, List<(string ContactId, ContactText Example)> Labelled) TrainingExamples(List<ContactRecord> contacts, List<string> texts)
    {
        var labelled = contacts
            .Select((c, i) => (Contact: c, Text: texts[i]))
            .Where(c => c.Contact.Disposition is not null && taxonomy.Contains(c.Contact.Disposition))
            .Select(c => (c.Contact.ContactId, Example: new ContactText { Text = c.Text, Label = c.Contact.Disposition! }))
            .ToList();
        if (labelled.Count >= _options.MinLabelledContacts && labelled.Select(l => l.Example.Label).Distinct().Count() >= 2)
        {
            return (DispositionsMode, labelled);
        }

        labelled = WeakLabels(contacts, texts);
        int classes = labelled.Select(l => l.Example.Label).Distinct().Count();
        if (labelled.Count < taxonomy.RootCauses.Count || classes < 2)
        {
            var unknown = contacts.Where(c => c.Disposition is not null && !taxonomy.Contains(c.Disposition))
                .Select(c => c.Disposition!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(5).ToList();
            string hint = unknown.Count > 0
                ? $" The contacts' dispositions are not root causes of taxonomy {taxonomy.Version} (e.g. {string.Join(", ", unknown.Select(u => $"'{u}'"))}): map them onto its ids under Input:Contacts:Values:Disposition, or point Taxonomy:Path at a taxonomy of your own."
                : "";
            throw new InvalidDataException(
                $"Only {labelled.Count} contacts carry a disposition that names a root cause or match seed phrases of exactly one, covering {classes} root cause(s); the classifier needs at least {taxonomy.RootCauses.Count} examples of at least 2.{hint}");
        }

        return (SeedPhrasesMode, labelled);
    }

    /// <summary>Cold start: a contact whose text contains seed phrases of exactly one root cause gets that label.</summary>
    private List<(string ContactId, ContactText Example)> WeakLabels(List<ContactRecord> contacts, List<string> texts)
    {
        var weak = new List<(string, ContactText)>();
        for (int i = 0; i < contacts.Count; i++)
        {
            string text = texts[i];
            var matches = taxonomy.RootCauses
                .Where(r => r.SeedPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
                .Take(2)
                .ToList();
            if (matches.Count == 1)
            {
                weak.Add((contacts[i].ContactId, new ContactText { Text = text, Label = matches[0].Id }));
            }
        }

        return weak;
    }

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
    private List<PainPointTagger?> TrainPainPoints(Batch batch)
    {
        if (taxonomy.PainPoints.Count == 0)
        {
            return [.. new PainPointTagger?[PainPointFolds]];
        }

        return [.. PainPointTagger.TrainFolds(batch.Masked, PainPointIds, batch.Seeded, batch.Folds, PainPointFolds, PainPointFeatures, seed: _options.Seed)];
    }

    /// <summary>The pain points of each contact: its seed phrases, and what its fold's model finds (see <see cref="TrainPainPoints"/>).</summary>
    private List<List<string>> FindPainPoints(Batch batch, IReadOnlyList<PainPointTagger?> taggers)
    {
        var tags = PainPointIds;
        var probabilities = new float[batch.Texts.Count][];
        for (int fold = 0; fold < PainPointFolds; fold++)
        {
            var inFold = Enumerable.Range(0, batch.Texts.Count).Where(i => batch.Folds[i] == fold).ToList();
            var scored = PainPointTagger.PredictFold(taggers[fold], tags.Count, [.. inFold.Select(i => batch.Masked[i])]);
            for (int k = 0; k < inFold.Count; k++)
            {
                probabilities[inFold[k]] = scored[k];
            }
        }

        return batch.Seeded.Select((seeds, i) => tags.Where((_, t) => seeds[t] || probabilities[i][t] >= _options.PainPointThreshold).ToList()).ToList();
    }

    private List<string> PainPointIds => [.. taxonomy.PainPoints.Select(p => p.Id)];

    /// <summary>Which pain points' seed phrases a text contains.</summary>
    private bool[] Seeded(string text) =>
        [.. taxonomy.PainPoints.Select(p => p.SeedPhrases.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The texts with every pain point's seed phrases blanked out.</summary>
    private List<string> MaskSeeds(List<string> words)
    {
        var seedPatterns = taxonomy.PainPoints.SelectMany(p => p.SeedPhrases).Where(s => s.Length > 0).OrderByDescending(s => s.Length).Select(Regex.Escape).ToList();
        if (seedPatterns.Count == 0)
        {
            return words;
        }

        var mask = new Regex(string.Join('|', seedPatterns), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return [.. words.Select(text => mask.Replace(text, " "))];
    }

    private static int FoldOf(string contactId) => (int)(StableHash.Fraction(contactId, "pain-point-fold") * PainPointFolds);

    /// <summary>Contacts with what the models read of them: the classifier's text, the text with pain-point seeds masked, the seeds found, the pain-point fold.</summary>
    private sealed record Batch(List<ContactRecord> Contacts, List<string> Texts, List<string> Masked, List<bool[]> Seeded, List<int> Folds);

    /// <summary>The trained models labelling needs, and the classifier's version it records.</summary>
    private sealed record Models(RootCauseClassifier Classifier, string ClassifierVersion, IReadOnlyList<PainPointTagger?> PainPoints);
}
