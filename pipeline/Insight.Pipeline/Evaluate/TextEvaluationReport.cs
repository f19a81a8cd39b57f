using Insight.Models.Evaluation;

namespace Insight.Pipeline.Evaluate;

/// <summary>What <c>insight evaluate text</c> measured.</summary>
/// <param name="Data">The mapping or folder evaluated.</param>
/// <param name="Label">The field the labels came from.</param>
/// <param name="Split">How the test set was chosen: <c>files</c> (names containing "test") or <c>hash</c> (a stable 20% of ids).</param>
/// <param name="TrainingExamples">Examples the classifier learnt from.</param>
/// <param name="TestExamples">Examples it was measured on.</param>
/// <param name="Classes">Distinct labels in training.</param>
/// <param name="Test">Accuracy, macro-F1, per-class precision/recall/F1 and confusion pairs on the test set.</param>
/// <param name="Abstention">The threshold and what it does on the test set.</param>
/// <param name="TrainingSeconds">Time to fit the final classifier on the whole training split.</param>
/// <param name="CalibrationSeconds">Time to fit without the calibration hold-out, predict it and calibrate.</param>
/// <param name="PredictionsPerSecond">Prediction throughput (median of three passes over at least 20,000 texts).</param>
/// <param name="Cores">Processor count of the machine.</param>
public sealed record TextEvaluationReport(
    string Data,
    string Label,
    string Split,
    int TrainingExamples,
    int TestExamples,
    int Classes,
    ClassificationReport Test,
    TestAbstention Abstention,
    double TrainingSeconds,
    double CalibrationSeconds,
    double PredictionsPerSecond,
    int Cores);
