using Insight.Models.Evaluation;

namespace Insight.Models.Text;

/// <summary>The outcome of <see cref="RootCauseTrainer.TrainCalibrated"/>.</summary>
/// <param name="Classifier">The classifier fitted on every example, with the calibration.</param>
/// <param name="Holdout">How the model fitted without the hold-out did on it.</param>
/// <param name="Calibration">The confidence calibration and abstention threshold.</param>
/// <param name="HoldoutCalibrationError">Expected calibration error of the calibrated confidence on the hold-out (in-sample for the calibration).</param>
/// <param name="TrainingExamples">Examples outside the hold-out.</param>
/// <param name="HoldoutExamples">Examples in the hold-out.</param>
/// <param name="CalibrationTime">Time to fit without the hold-out, predict it and calibrate.</param>
/// <param name="TrainingTime">Time to fit the final classifier on every example.</param>
public sealed record RootCauseTraining(
    RootCauseClassifier Classifier,
    ClassificationReport Holdout,
    ConfidenceCalibration Calibration,
    double HoldoutCalibrationError,
    int TrainingExamples,
    int HoldoutExamples,
    TimeSpan CalibrationTime,
    TimeSpan TrainingTime);
