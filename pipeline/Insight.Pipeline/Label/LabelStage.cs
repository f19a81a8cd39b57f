using System.Diagnostics;
using System.Text.RegularExpressions;
using Insight.Models.Text;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
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

    public async Task<LabelReport> RunAsync(string modelPath, CancellationToken cancellationToken)
    {
        var contacts = await lake.ReadAllAsync<ContactRecord>(LakeTables.Contacts, cancellationToken);
        if (contacts.Count == 0)
        {
            // A purchases-only setup: nothing to label, and the later stages work from purchases alone.
            logger.LogWarning("There are no contacts in the lake: no root causes this run (check the contacts input in the run summary).");
            await lake.WriteAsync(LakeTables.LabeledContacts, new List<LabeledContact>(), cancellationToken: cancellationToken);
            return new LabelReport(NoContacts, 0, 0, 0, 0, 0, 0, 0, taxonomy.Version, null, 0, 0, new Dictionary<string, int>(), 0);
        }

        var texts = contacts.Select(ClassifierText).ToList();
        var (mode, labelled) = TrainingExamples(contacts, texts);

        // A stable split: the same contact is always on the same side, whatever the order of the input.
        var isHoldout = HoldoutFlags(labelled.Select(l => l.ContactId).ToList());
        logger.LogInformation("Training the root-cause classifier on {Count} {Mode} examples", labelled.Count, mode);
        var trainer = new RootCauseTrainer(new RootCauseTrainerOptions { Seed = _options.Seed });
        var training = trainer.TrainCalibrated([.. labelled.Select(l => l.Example)], isHoldout, _options.TargetPrecision, _options.NoveltyQuantile);
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

        var clock = Stopwatch.StartNew();
        var predictions = classifier.Predict(texts);
        double contactsPerSecond = contacts.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-6);

        var painPoints = TagPainPoints(texts, [.. contacts.Select(c => c.ContactId)]);
        var frustration = new FrustrationScorer(taxonomy.Frustration);
        var rows = contacts.Select((contact, i) =>
        {
            var prediction = predictions[i];
            string rootCause = classifier.Accepts(prediction) ? prediction.RootCause : RootCauseTaxonomy.Unclassified;
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
            };
        }).ToList();
        await lake.WriteAsync(LakeTables.LabeledContacts, rows, cancellationToken: cancellationToken);

        var abstention = new AbstentionReport(
            classifier.Calibration.Threshold,
            classifier.Calibration.ProbabilityFloor,
            _options.MinConfidence is null ? "target-precision" : "fixed",
            _options.TargetPrecision,
            training.Calibration.TargetReached,
            training.Calibration.HoldoutPrecision,
            training.Calibration.HoldoutCoverage,
            Math.Round(training.HoldoutCalibrationError, 4));
        return new LabelReport(mode, training.TrainingExamples, training.HoldoutExamples, training.Holdout.Accuracy, training.Holdout.MacroAccuracy, training.Holdout.MacroF1,
            rows.Count, rows.Count(r => r.RootCause == RootCauseTaxonomy.Unclassified), taxonomy.Version, abstention,
            Math.Round((training.CalibrationTime + training.TrainingTime).TotalSeconds, 2), Math.Round(contactsPerSecond),
            taxonomy.PainPoints.ToDictionary(p => p.Id, p => painPoints.Count(tags => tags.Contains(p.Id)), StringComparer.Ordinal),
            Math.Round(rows.Average(r => (double)r.Frustration), 4));
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
    /// is judged by a model its own seed-less label did not train.
    /// </summary>
    private List<List<string>> TagPainPoints(List<string> words, List<string> contactIds)
    {
        var tags = taxonomy.PainPoints.Select(p => p.Id).ToList();
        var seeded = words
            .Select(text => taxonomy.PainPoints.Select(p => p.SeedPhrases.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase))).ToArray())
            .ToList();
        if (tags.Count == 0)
        {
            return words.Select(_ => new List<string>()).ToList();
        }

        var seedPatterns = taxonomy.PainPoints.SelectMany(p => p.SeedPhrases).Where(s => s.Length > 0).OrderByDescending(s => s.Length).Select(Regex.Escape).ToList();
        var mask = seedPatterns.Count == 0 ? null : new Regex(string.Join('|', seedPatterns), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var masked = mask is null ? words : words.Select(text => mask.Replace(text, " ")).ToList();
        var folds = contactIds.Select(id => (int)(StableHash.Fraction(id, "pain-point-fold") * PainPointFolds)).ToList();
        var probabilities = PainPointTagger.PredictOutOfFold(masked, tags, seeded, folds, PainPointFolds, PainPointFeatures, seed: _options.Seed);
        return seeded.Select((seeds, i) => tags.Where((_, t) => seeds[t] || probabilities[i][t] >= _options.PainPointThreshold).ToList()).ToList();
    }
}
