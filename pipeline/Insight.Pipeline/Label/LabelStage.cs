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

    private readonly LabelOptions _options = options.Value;

    public async Task<LabelReport> RunAsync(string modelPath, CancellationToken cancellationToken)
    {
        var contacts = await lake.ReadAllAsync<ContactRecord>(LakeTables.Contacts, cancellationToken);
        if (contacts.Count == 0)
        {
            // A purchases-only setup: nothing to label, and the later stages work from purchases alone.
            logger.LogWarning("There are no contacts in the lake: no root causes this run (check the contacts input in the run summary).");
            await lake.WriteAsync(LakeTables.LabeledContacts, new List<LabeledContact>(), cancellationToken: cancellationToken);
            return new LabelReport(NoContacts, 0, 0, 0, 0, 0, 0, taxonomy.Version);
        }

        var labelled = contacts
            .Where(c => c.Disposition is not null && taxonomy.Contains(c.Disposition))
            .Select(c => (c.ContactId, Example: new ContactText { Text = c.CustomerText, Label = c.Disposition! }))
            .ToList();
        string mode = "dispositions";
        if (labelled.Count < _options.MinLabelledContacts)
        {
            mode = "seed-phrases";
            labelled = WeakLabels(contacts);
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
        }

        // A stable split: the same contact is always on the same side, whatever the order of the input.
        var holdout = labelled.Where(l => StableHash.Fraction(l.ContactId, "label-holdout") < _options.HoldoutShare).Select(l => l.Example).ToList();
        var training = labelled.Where(l => StableHash.Fraction(l.ContactId, "label-holdout") >= _options.HoldoutShare).Select(l => l.Example).ToList();
        logger.LogInformation("Training the root-cause classifier on {Count} {Mode} examples", training.Count, mode);
        var classifier = new RootCauseTrainer(new RootCauseTrainerOptions { Seed = _options.Seed }).Train(training);
        var holdoutReport = classifier.Evaluate(holdout);
        classifier.Save(modelPath);

        var predictions = classifier.Predict(contacts.Select(c => c.CustomerText));
        var rows = contacts.Zip(predictions, (contact, prediction) =>
        {
            string rootCause = prediction.Confidence >= _options.MinConfidence ? prediction.RootCause : RootCauseTaxonomy.Unclassified;
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
                TaxonomyVersion = taxonomy.Version,
            };
        }).ToList();
        await lake.WriteAsync(LakeTables.LabeledContacts, rows, cancellationToken: cancellationToken);

        return new LabelReport(mode, training.Count, holdout.Count, holdoutReport.Accuracy, holdoutReport.MacroAccuracy,
            rows.Count, rows.Count(r => r.RootCause == RootCauseTaxonomy.Unclassified), taxonomy.Version);
    }

    /// <summary>Cold start: a contact whose text contains seed phrases of exactly one root cause gets that label.</summary>
    private List<(string ContactId, ContactText Example)> WeakLabels(IEnumerable<ContactRecord> contacts)
    {
        var weak = new List<(string, ContactText)>();
        foreach (var contact in contacts)
        {
            string text = contact.CustomerText.ToLowerInvariant();
            var matches = taxonomy.RootCauses
                .Where(r => r.SeedPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
                .Take(2)
                .ToList();
            if (matches.Count == 1)
            {
                weak.Add((contact.ContactId, new ContactText { Text = contact.CustomerText, Label = matches[0].Id }));
            }
        }

        return weak;
    }
}
