using System.Diagnostics;
using Insight.Models.Evaluation;
using Microsoft.ML;

namespace Insight.Models.Text;

/// <summary>
/// Trains the root-cause classifier: shared text features (<see cref="TextFeaturizer"/>) and a
/// one-versus-all averaged perceptron whose Platt-calibrated per-class scores are normalised to
/// probabilities; then calibrates the top probability into a confidence on held-out examples.
/// </summary>
public sealed class RootCauseTrainer(RootCauseTrainerOptions? options = null)
{
    private readonly RootCauseTrainerOptions _options = options ?? new RootCauseTrainerOptions();

    /// <summary>Fits the classifier on <paramref name="examples"/>; its confidence is its raw probability.</summary>
    public RootCauseClassifier Train(IEnumerable<ContactText> examples)
    {
        var ml = new MLContext(_options.Seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new ContactText { Text = RootCauseClassifier.Prepare(e.Text, _options.MaxTextLength), Label = e.Label }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(RootCauseClassifier.LabelKey, nameof(ContactText.Label))
            .Append(TextFeaturizer.Build(ml, _options.Features, nameof(ContactText.Text), RootCauseClassifier.Features))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.AveragedPerceptron(labelColumnName: RootCauseClassifier.LabelKey, featureColumnName: RootCauseClassifier.Features, numberOfIterations: _options.Iterations),
                labelColumnName: RootCauseClassifier.LabelKey,
                useProbabilities: true));
        var model = pipeline.Fit(data);
        return new RootCauseClassifier(ml, model, data.Schema, _options.MaxTextLength, ConfidenceCalibration.Identity);
    }

    /// <summary>
    /// Fits on the examples outside the hold-out, measures it on the hold-out and fits the confidence
    /// calibration and abstention threshold there; then refits on every example and gives that model the
    /// calibration.
    /// </summary>
    /// <param name="examples">Labelled examples.</param>
    /// <param name="isHoldout">For each example, whether it is held out.</param>
    /// <param name="targetPrecision">Precision the accepted predictions must reach.</param>
    /// <param name="noveltyQuantile">Share of correct held-out predictions allowed below the novelty floor (see <see cref="ConfidenceCalibration"/>).</param>
    public RootCauseTraining TrainCalibrated(IReadOnlyList<ContactText> examples, IReadOnlyList<bool> isHoldout, double targetPrecision, double noveltyQuantile)
    {
        var training = examples.Where((_, i) => !isHoldout[i]).ToList();
        var holdout = examples.Where((_, i) => isHoldout[i]).ToList();
        if (training.Count == 0 || holdout.Count == 0)
        {
            throw new ArgumentException($"Both the training set ({training.Count}) and the hold-out ({holdout.Count}) need examples.", nameof(isHoldout));
        }

        var clock = Stopwatch.StartNew();
        var partial = Train(training);
        var holdoutPredictions = partial.Predict(holdout.Select(h => h.Text));
        var correct = holdout.Zip(holdoutPredictions, (h, p) => h.Label == p.RootCause).ToList();
        var calibration = ConfidenceCalibration.Fit([.. holdoutPredictions.Select(p => p.Probability)], correct, targetPrecision, noveltyQuantile, _options.Seed);
        var holdoutReport = ClassificationReport.From([.. holdout.Select(h => h.Label)], [.. holdoutPredictions.Select(p => p.RootCause)]);
        double ece = ConfidenceCalibration.ExpectedCalibrationError([.. holdoutPredictions.Select(p => calibration.Apply(p.Probability))], correct);
        var calibrationTime = clock.Elapsed;

        clock.Restart();
        var final = Train(examples).WithCalibration(calibration);
        return new RootCauseTraining(final, holdoutReport, calibration, ece, training.Count, holdout.Count, calibrationTime, clock.Elapsed);
    }
}
