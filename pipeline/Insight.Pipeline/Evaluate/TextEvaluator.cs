using System.Diagnostics;
using Insight.Models.Evaluation;
using Insight.Models.Text;

namespace Insight.Pipeline.Evaluate;

/// <summary>
/// Trains the root-cause classifier exactly as the label stage does (calibration hold-out, threshold for
/// the target precision, refit on everything) on a training split and measures it once on a test split.
/// </summary>
public static class TextEvaluator
{
    /// <summary>Share of the training split held out to calibrate the confidence.</summary>
    public const double CalibrationShare = 0.15;

    /// <summary>Fewest texts in a throughput pass.</summary>
    public const int ThroughputTexts = 20_000;

    public static TextEvaluationReport Evaluate(
        string data, string label, string split,
        IReadOnlyList<(string Id, ContactText Example)> training, IReadOnlyList<ContactText> test,
        double targetPrecision, double noveltyQuantile, RootCauseTrainerOptions trainerOptions)
    {
        var trainer = new RootCauseTrainer(trainerOptions);
        var isCalibration = training.Select(t => StableHash.Fraction(t.Id, "calibration") < CalibrationShare).ToList();
        var trained = trainer.TrainCalibrated([.. training.Select(t => t.Example)], isCalibration, targetPrecision, noveltyQuantile);
        var classifier = trained.Classifier;

        var predictions = classifier.Predict(test.Select(t => t.Text));
        var report = ClassificationReport.From([.. test.Select(t => t.Label)], [.. predictions.Select(p => p.RootCause)]);
        var accepted = predictions.Select((p, i) => (Accepted: classifier.Accepts(p), Correct: p.RootCause == test[i].Label)).Where(p => p.Accepted).ToList();
        double ece = ConfidenceCalibration.ExpectedCalibrationError(
            [.. predictions.Select(p => p.Confidence)], [.. predictions.Select((p, i) => p.RootCause == test[i].Label)]);
        var abstention = new TestAbstention(
            targetPrecision,
            classifier.Calibration.Threshold,
            classifier.Calibration.ProbabilityFloor,
            test.Count == 0 ? 0 : accepted.Count / (double)test.Count,
            accepted.Count == 0 ? 0 : accepted.Count(a => a.Correct) / (double)accepted.Count,
            ece);

        return new TextEvaluationReport(
            data, label, split, training.Count, test.Count, training.Select(t => t.Example.Label).Distinct().Count(),
            report, abstention,
            Math.Round(trained.TrainingTime.TotalSeconds, 2), Math.Round(trained.CalibrationTime.TotalSeconds, 2),
            Math.Round(Throughput(classifier, [.. test.Select(t => t.Text)])), Environment.ProcessorCount);
    }

    /// <summary>Texts per second through the classifier: the median of three passes over the texts repeated to at least <see cref="ThroughputTexts"/>.</summary>
    public static double Throughput(RootCauseClassifier classifier, IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
        {
            return 0;
        }

        var batch = Enumerable.Range(0, (ThroughputTexts + texts.Count - 1) / texts.Count).SelectMany(_ => texts).ToList();
        var rates = new List<double>();
        for (int run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            int count = classifier.Predict(batch).Count;
            rates.Add(count / clock.Elapsed.TotalSeconds);
        }

        return rates.Order().ElementAt(1);
    }
}
