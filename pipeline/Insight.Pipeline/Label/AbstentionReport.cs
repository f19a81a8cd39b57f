namespace Insight.Pipeline.Label;

/// <summary>How the classifier decides to leave a contact unclassified.</summary>
/// <param name="Threshold">Calibrated confidence below which a contact is unclassified.</param>
/// <param name="ProbabilityFloor">Raw top-class probability below which a contact counts as novel and is unclassified.</param>
/// <param name="Source"><c>target-precision</c> when chosen on the hold-out; <c>fixed</c> when set in Labeling:MinConfidence.</param>
/// <param name="TargetPrecision">The precision asked for.</param>
/// <param name="TargetReached">Whether some threshold reached it on the hold-out.</param>
/// <param name="HoldoutPrecision">Precision of the accepted held-out predictions.</param>
/// <param name="HoldoutCoverage">Share of held-out predictions accepted.</param>
/// <param name="CalibrationError">Expected calibration error of the confidence on the hold-out (10 bins).</param>
public sealed record AbstentionReport(
    double Threshold,
    double ProbabilityFloor,
    string Source,
    double TargetPrecision,
    bool TargetReached,
    double HoldoutPrecision,
    double HoldoutCoverage,
    double CalibrationError);
