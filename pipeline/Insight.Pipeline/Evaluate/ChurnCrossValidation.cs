using System.Diagnostics;
using Insight.Models.Churn;
using Insight.Models.Evaluation;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Ingest;

namespace Insight.Pipeline.Evaluate;

/// <summary>
/// Churn on tabular data (customers with attributes and a cancelled flag, no history in time):
/// stratified k-fold cross-validation of the churn model (the configured trees) on the encoded attributes.
/// </summary>
public static class ChurnCrossValidation
{
    /// <summary>The fold of each customer: within each class, customers ordered by a stable hash of their id are dealt round-robin.</summary>
    public static IReadOnlyDictionary<string, int> Folds(IEnumerable<(string Id, bool Label)> rows, int folds) =>
        rows.GroupBy(r => r.Label)
            .SelectMany(g => g.OrderBy(r => StableHash.Fraction(r.Id, "churn-cv")).ThenBy(r => r.Id, StringComparer.Ordinal).Select((r, i) => (r.Id, Fold: i % folds)))
            .ToDictionary(r => r.Id, r => r.Fold, StringComparer.Ordinal);

    /// <summary>Whether the customer churned: flagged cancelled, or with a cancellation time.</summary>
    public static bool Churned(CustomerRecord customer) => customer.Cancelled == true || customer.CancelledAt is not null;

    /// <exception cref="InvalidDataException">No attributes, or only one class.</exception>
    public static ChurnCrossValidationReport Run(IReadOnlyList<CustomerRecord> customers, int folds, ChurnTrainerOptions options)
    {
        var rows = customers.Select(c => (c.CustomerId, Label: Churned(c), Attributes: AttributeEncoder.Parse(c.Attributes))).ToList();
        if (rows.All(r => r.Attributes.Count == 0))
        {
            throw new InvalidDataException("The customers have no attributes to learn from; list the source columns under Input:Customers:Attributes.");
        }

        int churners = rows.Count(r => r.Label);
        if (churners < folds || rows.Count - churners < folds)
        {
            throw new InvalidDataException(
                $"Cross-validation needs at least {folds} churners and {folds} stayers; the customers have {churners} churners of {rows.Count} (map Cancelled or CancelledAt).");
        }

        var fold = Folds(rows.Select(r => (r.CustomerId, r.Label)), folds);
        var results = new List<ChurnFold>();
        for (int k = 0; k < folds; k++)
        {
            var clock = Stopwatch.StartNew();
            var training = rows.Where(r => fold[r.CustomerId] != k).ToList();
            var test = rows.Where(r => fold[r.CustomerId] == k).ToList();
            var encoder = AttributeEncoder.Fit(training.Select(r => r.Attributes));
            CustomerFeatures Row((string Id, bool Label, IReadOnlyDictionary<string, string?> Attributes) r) =>
                new() { CustomerId = r.Id, Label = r.Label, Features = encoder.Encode(r.Attributes) };
            var model = new ChurnTrainer(options).Train([.. training.Select(Row)], encoder.Names);
            var report = model.Evaluate([.. test.Select(Row)]);
            results.Add(new ChurnFold(k + 1, training.Count, test.Count, report, Math.Round(clock.Elapsed.TotalSeconds, 2)));
        }

        var aucs = results.Select(r => r.Test.RocAuc).ToList();
        double mean = aucs.Average();
        return new ChurnCrossValidationReport(
            rows.Count, churners / (double)rows.Count, folds, results,
            Math.Round(mean, 4), Math.Round(Math.Sqrt(aucs.Sum(a => (a - mean) * (a - mean)) / (aucs.Count - 1)), 4),
            Math.Round(aucs.Min(), 4), Math.Round(aucs.Max(), 4));
    }
}

/// <summary>One fold of a churn cross-validation.</summary>
public sealed record ChurnFold(int Fold, int TrainingRows, int TestRows, BinaryReport Test, double Seconds);

/// <summary>What a stratified cross-validation of churn measured.</summary>
/// <param name="Customers">Customers evaluated.</param>
/// <param name="ChurnRate">Share of them that churned.</param>
/// <param name="Folds">Number of folds.</param>
/// <param name="PerFold">Each fold's test metrics.</param>
/// <param name="MeanRocAuc">Mean ROC-AUC over the folds.</param>
/// <param name="StdRocAuc">Sample standard deviation of the folds' ROC-AUC.</param>
/// <param name="MinRocAuc">Lowest fold.</param>
/// <param name="MaxRocAuc">Highest fold.</param>
public sealed record ChurnCrossValidationReport(
    int Customers, double ChurnRate, int Folds, IReadOnlyList<ChurnFold> PerFold, double MeanRocAuc, double StdRocAuc, double MinRocAuc, double MaxRocAuc);
