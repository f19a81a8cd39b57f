using Microsoft.ML;
using Microsoft.ML.Calibrators;

namespace Insight.Models.Text;

/// <summary>
/// Turns a classifier's top-class probability into a calibrated confidence (the chance the prediction is
/// right), with a Platt fit of correctness on the logit of the probability over held-out predictions,
/// and carries the abstention rule: a prediction is kept when its calibrated confidence reaches the
/// threshold chosen for a target precision and its raw probability is not unusually low for a correct
/// prediction (the novelty floor, which catches contacts about something the model never saw: noisy
/// labels flatten the calibration, so confidence alone would accept them).
/// </summary>
/// <param name="Slope">Platt slope (ML.NET convention: confidence = 1 / (1 + exp(Slope * logit + Offset))).</param>
/// <param name="Offset">Platt offset.</param>
/// <param name="Threshold">Lowest calibrated confidence accepted; below it a contact is unclassified.</param>
/// <param name="ProbabilityFloor">Lowest raw top-class probability accepted: the novelty quantile of the probabilities of correct held-out predictions.</param>
/// <param name="TargetPrecision">The precision the threshold was chosen for.</param>
/// <param name="HoldoutPrecision">Precision of the accepted held-out predictions.</param>
/// <param name="HoldoutCoverage">Share of held-out predictions accepted.</param>
/// <param name="TargetReached">False when no threshold reached the target precision on the hold-out; the threshold then keeps only the most confident predictions.</param>
public sealed record ConfidenceCalibration(
    double Slope,
    double Offset,
    double Threshold,
    double ProbabilityFloor,
    double TargetPrecision,
    double HoldoutPrecision,
    double HoldoutCoverage,
    bool TargetReached)
{
    /// <summary>No calibration: the probability is the confidence and nothing is abstained on.</summary>
    public static ConfidenceCalibration Identity { get; } = new(double.NaN, double.NaN, 0, 0, 0, double.NaN, 1, true);

    /// <summary>Fewest held-out predictions accepted at a threshold, so the precision measured there means something.</summary>
    public const int MinAccepted = 20;

    /// <summary>Whether a prediction with this raw probability and calibrated confidence is kept.</summary>
    public bool Accepts(float probability, float confidence) => confidence >= Threshold && probability >= ProbabilityFloor;

    /// <summary>The calibrated confidence for a top-class probability.</summary>
    public float Apply(float probability) =>
        double.IsNaN(Slope) ? probability : (float)(1 / (1 + Math.Exp(Slope * Logit(probability) + Offset)));

    /// <summary>Fits the calibration on held-out predictions and picks the lowest threshold whose accepted
    /// predictions are at least <paramref name="targetPrecision"/> precise (the widest coverage that is).</summary>
    /// <param name="probabilities">The top-class probability of each held-out prediction.</param>
    /// <param name="correct">Whether each held-out prediction was right.</param>
    /// <param name="targetPrecision">The precision the accepted predictions must reach.</param>
    /// <param name="noveltyQuantile">Share of correct held-out predictions allowed below the probability floor; 0 for no floor.</param>
    /// <param name="seed">Seed of the ML context.</param>
    public static ConfidenceCalibration Fit(IReadOnlyList<float> probabilities, IReadOnlyList<bool> correct, double targetPrecision, double noveltyQuantile = 0, int seed = 1)
    {
        if (probabilities.Count != correct.Count)
        {
            throw new ArgumentException("Probabilities and outcomes differ in number.", nameof(correct));
        }

        double slope = double.NaN;
        double offset = double.NaN;
        if (correct.Distinct().Count() == 2)
        {
            var ml = new MLContext(seed);
            var data = ml.Data.LoadFromEnumerable(probabilities.Zip(correct, (p, c) => new Outcome { Score = (float)Logit(p), Label = c }));
            IPredictionTransformer<PlattCalibrator> fitted = ml.BinaryClassification.Calibrators.Platt(nameof(Outcome.Label), nameof(Outcome.Score)).Fit(data);
            var platt = fitted.Model;
            slope = platt.Slope;
            offset = platt.Offset;
        }

        var correctProbabilities = probabilities.Where((_, i) => correct[i]).Order().ToList();
        double floor = noveltyQuantile <= 0 || correctProbabilities.Count == 0
            ? 0
            : correctProbabilities[(int)Math.Floor(noveltyQuantile * (correctProbabilities.Count - 1))];
        var unthresholded = new ConfidenceCalibration(slope, offset, 0, floor, targetPrecision, double.NaN, 1, true);
        var ranked = probabilities.Select(p => unthresholded.Apply(p)).Zip(correct)
            .OrderByDescending(p => p.First)
            .ToList();
        if (ranked.Count == 0)
        {
            return unthresholded with { HoldoutPrecision = 0, HoldoutCoverage = 0, TargetReached = false };
        }

        // The widest set of most-confident predictions whose precision reaches the target; ties in
        // confidence are accepted or refused together.
        int best = -1;
        int hits = 0;
        for (int i = 0; i < ranked.Count; i++)
        {
            hits += ranked[i].Second ? 1 : 0;
            bool endOfTie = i == ranked.Count - 1 || ranked[i + 1].First < ranked[i].First;
            if (endOfTie && i + 1 >= Math.Min(MinAccepted, ranked.Count) && hits / (double)(i + 1) >= targetPrecision)
            {
                best = i;
            }
        }

        bool reached = best >= 0;
        if (!reached)
        {
            // Unreachable (e.g. labels too noisy): keep the most confident few rather than guess on all.
            best = Math.Min(MinAccepted, ranked.Count) - 1;
            while (best + 1 < ranked.Count && ranked[best + 1].First == ranked[best].First)
            {
                best++;
            }
        }

        var chosen = unthresholded with { Threshold = ranked[best].First, TargetReached = reached };
        var accepted = probabilities.Select((p, i) => (Accepted: chosen.Accepts(p, chosen.Apply(p)), Correct: correct[i])).Where(p => p.Accepted).ToList();
        return chosen with
        {
            HoldoutPrecision = accepted.Count == 0 ? 0 : accepted.Count(p => p.Correct) / (double)accepted.Count,
            HoldoutCoverage = accepted.Count / (double)probabilities.Count,
        };
    }

    /// <summary>Expected calibration error over equal-width bins: the mean gap between confidence and accuracy, weighted by bin size.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<float> confidences, IReadOnlyList<bool> correct, int bins = 10)
    {
        if (confidences.Count == 0)
        {
            return 0;
        }

        return confidences.Zip(correct)
            .GroupBy(p => Math.Min(bins - 1, (int)(p.First * bins)))
            .Sum(g => g.Count() / (double)confidences.Count * Math.Abs(g.Average(p => p.First) - g.Average(p => p.Second ? 1.0 : 0.0)));
    }

    private static double Logit(float probability)
    {
        double p = Math.Clamp(probability, 1e-6, 1 - 1e-6);
        return Math.Log(p / (1 - p));
    }

    private sealed class Outcome
    {
        public float Score { get; set; }

        public bool Label { get; set; }
    }
}
