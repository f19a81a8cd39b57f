using Insight.Models.Evaluation;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Alerts;

/// <summary>
/// How far the current window has moved from what the champions were trained on: the population stability
/// index of each churn feature (the active customers' features now against the training rows' deciles),
/// of the root-cause mix (the last <see cref="AlertOptions.DriftWindowDays"/> days against the classifier's
/// training labels), and the rise in the share of unclassified contacts over the classifier's hold-out.
/// </summary>
public sealed class DriftMonitor(ParquetLake lake, IOptions<AlertOptions> options, IOptions<ChurnOptions> churnOptions)
{
    public async Task<DriftReport> MeasureAsync(DateTime asOf, SavedModel? churnModel, RootCauseModel? classifier, IReadOnlyList<LabeledContact> contacts, CancellationToken cancellationToken)
    {
        var alert = options.Value;
        var reasons = new List<DriftReason>();

        var featurePsi = new Dictionary<string, double>(StringComparer.Ordinal);
        var card = churnModel is null ? null : ChurnModelCard.Read(churnModel.Path);
        var profile = card?.FeatureProfile;
        double? drifted = null;
        if (profile is not null && lake.Exists(LakeTables.CustomerFeatures))
        {
            var names = (await lake.ReadMetadataAsync(LakeTables.CustomerFeatures, cancellationToken)).GetValueOrDefault(CustomerFeatureRow.FeatureNamesKey, "").Split(',');
            int recency = Array.IndexOf(names, ChurnFeatureNames.DaysSinceLastOrder);
            var measured = profile.Select(bins => (Bins: bins, Index: Array.IndexOf(names, bins.Feature), Counts: new double[bins.Shares.Count])).Where(f => f.Index >= 0).ToList();
            int rows = 0;
            // Streamed, a row group at a time, into bin counts; the training rows were customers still active at their date: compare like with like.
            await foreach (var row in lake.ReadAsync<CustomerFeatureRow>(LakeTables.CustomerFeatures, cancellationToken))
            {
                if (recency >= 0 && row.Values[recency] >= churnOptions.Value.HorizonDays)
                {
                    continue;
                }

                rows++;
                foreach (var (bins, index, counts) in measured)
                {
                    counts[PopulationStability.BinOf(bins.Edges, row.Values[index])]++;
                }
            }

            foreach (var (bins, _, counts) in rows == 0 ? [] : measured)
            {
                featurePsi[bins.Feature] = Math.Round(PopulationStability.Index(bins.Shares, [.. counts.Select(c => c / rows)]), 4);
            }

            // Weighted by what the model makes of each feature: a feature it hardly uses may drift harmlessly.
            var moved = featurePsi.Where(p => p.Value > alert.DriftPsi).OrderByDescending(p => p.Value).ToList();
            var importance = card!.Importance.ToDictionary(i => i.Feature, i => Math.Max(0, i.RocAucDrop), StringComparer.Ordinal);
            double total = importance.Values.Sum();
            drifted = total > 0 ? Math.Round(moved.Sum(p => importance.GetValueOrDefault(p.Key)) / total, 4) : moved.Count > 0 ? 1 : 0;
            if (moved.Count > 0 && drifted >= alert.DriftImportanceShare)
            {
                reasons.Add(new DriftReason(ModelRegistry.Churn, churnModel!.Version,
                    $"churn features carrying {drifted:P0} of the model's importance moved ({string.Join(", ", moved.Select(p => $"{p.Key} PSI {p.Value:0.00}"))}; threshold {alert.DriftPsi})"));
            }
        }

        double? mixPsi = null, unclassifiedNow = null, unclassifiedExpected = null;
        var window = contacts.Where(c => c.StartedAt >= asOf.AddDays(-alert.DriftWindowDays) && c.StartedAt < asOf).ToList();
        if (classifier is not null && window.Count > 0)
        {
            var balance = classifier.Card.LabelBalance;
            var classified = window.Where(c => c.RootCause != RootCauseTaxonomy.Unclassified).ToList();
            var causes = balance.Keys.Union(classified.Select(c => c.RootCause), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            double trained = balance.Values.Sum();
            if (classified.Count > 0 && trained > 0)
            {
                var counts = classified.GroupBy(c => c.RootCause, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                mixPsi = Math.Round(PopulationStability.Index(
                    [.. causes.Select(c => balance.GetValueOrDefault(c) / trained)],
                    [.. causes.Select(c => counts.GetValueOrDefault(c) / (double)classified.Count)]), 4);
                if (mixPsi > alert.DriftPsi)
                {
                    reasons.Add(new DriftReason(ModelRegistry.RootCauses, classifier.Saved.Version, $"the root-cause mix of the last {alert.DriftWindowDays} days moved from the training labels (PSI {mixPsi:0.00} > {alert.DriftPsi})"));
                }
            }

            unclassifiedNow = Math.Round((window.Count - classified.Count) / (double)window.Count, 4);
            unclassifiedExpected = classifier.Card.Abstention is { } a ? Math.Round(1 - a.HoldoutCoverage, 4) : null;
            if (unclassifiedNow - unclassifiedExpected > alert.DriftUnclassifiedShift)
            {
                reasons.Add(new DriftReason(ModelRegistry.RootCauses, classifier.Saved.Version, $"{unclassifiedNow:P0} of the last {alert.DriftWindowDays} days' contacts are unclassified against {unclassifiedExpected:P0} on the classifier's hold-out"));
            }
        }

        return new DriftReport(churnModel?.Version, featurePsi, featurePsi.Count == 0 ? null : featurePsi.Values.Max(), drifted, classifier?.Saved.Version,
            window.Count, mixPsi, unclassifiedExpected, unclassifiedNow, reasons);
    }
}

/// <summary>Drift between the champions' training windows and the current one (see <see cref="DriftMonitor"/>).</summary>
/// <param name="ChurnModel">The churn champion measured against.</param>
/// <param name="FeaturePsi">PSI of each churn feature.</param>
/// <param name="MaxFeaturePsi">The largest of them.</param>
/// <param name="DriftedImportanceShare">Share of the model's importance carried by the features above the PSI threshold.</param>
/// <param name="RootCauseModel">The classifier measured against.</param>
/// <param name="WindowContacts">Contacts in the current window.</param>
/// <param name="RootCauseMixPsi">PSI of the root-cause mix.</param>
/// <param name="UnclassifiedShareExpected">Share the classifier left unclassified on its hold-out.</param>
/// <param name="UnclassifiedShareNow">Share unclassified in the current window.</param>
/// <param name="Reasons">What is beyond its threshold; each recommends retraining its model.</param>
public sealed record DriftReport(
    string? ChurnModel,
    IReadOnlyDictionary<string, double> FeaturePsi,
    double? MaxFeaturePsi,
    double? DriftedImportanceShare,
    string? RootCauseModel,
    int WindowContacts,
    double? RootCauseMixPsi,
    double? UnclassifiedShareExpected,
    double? UnclassifiedShareNow,
    IReadOnlyList<DriftReason> Reasons)
{
    public bool RetrainRecommended => Reasons.Count > 0;
}

/// <summary>One drift beyond its threshold, and the model version it concerns.</summary>
public sealed record DriftReason(string Model, string Version, string Text);
