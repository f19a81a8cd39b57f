namespace Insight.Pipeline.Evaluate;

/// <summary>The abstention rule chosen on the calibration hold-out, applied to the test set.</summary>
/// <param name="TargetPrecision">The precision asked for.</param>
/// <param name="Threshold">Calibrated confidence threshold.</param>
/// <param name="ProbabilityFloor">Novelty floor on the raw probability.</param>
/// <param name="Coverage">Share of test texts classified (not abstained on).</param>
/// <param name="Precision">Accuracy among the classified test texts.</param>
/// <param name="CalibrationError">Expected calibration error of the confidence on the test set (10 bins).</param>
public sealed record TestAbstention(double TargetPrecision, double Threshold, double ProbabilityFloor, double Coverage, double Precision, double CalibrationError);
