using Insight.Models.Text;

namespace Insight.Models.Tests.Text;

public sealed class ConfidenceCalibrationTests
{
    /// <summary>Predictions whose chance of being right is their probability, from a fixed seed.</summary>
    private static (List<float> Probabilities, List<bool> Correct) Outcomes(int count)
    {
        var rng = new Random(3);
        var probabilities = Enumerable.Range(0, count).Select(_ => (float)(0.2 + 0.8 * rng.NextDouble())).ToList();
        return (probabilities, probabilities.Select(p => rng.NextDouble() < p).ToList());
    }

    [Fact]
    public void Fit_TargetPrecision_AcceptedPredictionsReachItWithTheWidestCoverage()
    {
        var (probabilities, correct) = Outcomes(4_000);

        var calibration = ConfidenceCalibration.Fit(probabilities, correct, targetPrecision: 0.9);

        calibration.TargetReached.Should().BeTrue();
        calibration.HoldoutPrecision.Should().BeGreaterThanOrEqualTo(0.9);
        calibration.HoldoutCoverage.Should().BeInRange(0.2, 0.6, "about the predictions above 0.8 reach 0.9");
        var stricter = ConfidenceCalibration.Fit(probabilities, correct, targetPrecision: 0.95);
        stricter.Threshold.Should().BeGreaterThan(calibration.Threshold);
        stricter.HoldoutCoverage.Should().BeLessThan(calibration.HoldoutCoverage);
    }

    [Fact]
    public void Apply_WellCalibratedScores_StayClose()
    {
        var (probabilities, correct) = Outcomes(4_000);

        var calibration = ConfidenceCalibration.Fit(probabilities, correct, targetPrecision: 0.9);

        var confidences = probabilities.Select(calibration.Apply).ToList();
        ConfidenceCalibration.ExpectedCalibrationError(confidences, correct).Should().BeLessThan(0.03);
        calibration.Apply(0.9f).Should().BeGreaterThan(calibration.Apply(0.5f));
    }

    [Fact]
    public void Fit_UnreachableTarget_KeepsOnlyTheMostConfidentAndSaysSo()
    {
        var rng = new Random(4);
        var probabilities = Enumerable.Range(0, 500).Select(_ => (float)rng.NextDouble()).ToList();
        var correct = probabilities.Select(_ => rng.NextDouble() < 0.5).ToList();

        var calibration = ConfidenceCalibration.Fit(probabilities, correct, targetPrecision: 0.99);

        calibration.TargetReached.Should().BeFalse();
        calibration.HoldoutCoverage.Should().BeLessThan(0.1);
    }

    [Fact]
    public void Fit_NoveltyQuantile_FloorsTheRawProbabilityAtThatShareOfCorrectPredictions()
    {
        var (probabilities, correct) = Outcomes(4_000);

        var calibration = ConfidenceCalibration.Fit(probabilities, correct, targetPrecision: 0.5, noveltyQuantile: 0.1);

        double belowFloor = probabilities.Where((_, i) => correct[i]).Count(p => p < calibration.ProbabilityFloor)
            / (double)correct.Count(c => c);
        belowFloor.Should().BeApproximately(0.1, 0.01);
        calibration.Accepts((float)calibration.ProbabilityFloor - 0.01f, 1f).Should().BeFalse("below the floor even a confident prediction is novel");
    }
}
