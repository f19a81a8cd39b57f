using Insight.Models.Evaluation;

namespace Insight.Models.Tests.Evaluation;

public sealed class BinaryReportTests
{
    [Fact]
    public void From_KnownScores_ComputesBrierAndTopDecileLift()
    {
        // 20 rows, 4 positives (rate 0.2); the two highest scores are both positives -> top decile rate 1.0, lift 5.
        var labels = Enumerable.Range(0, 20).Select(i => i < 4).ToArray();
        var probabilities = Enumerable.Range(0, 20).Select(i => i < 2 ? 0.9f : 0.1f).ToArray();

        var report = BinaryReport.From(labels, probabilities, rocAuc: 0.8, prAuc: 0.5);

        report.PositiveRate.Should().BeApproximately(0.2, 1e-9);
        report.TopDecileLift.Should().BeApproximately(5, 1e-9);
        double expectedBrier = ((2 * Math.Pow(0.1, 2)) + (2 * Math.Pow(0.9, 2)) + (16 * Math.Pow(0.1, 2))) / 20;
        report.Brier.Should().BeApproximately(expectedBrier, 1e-6);
        report.TopDecileShare.Should().BeApproximately(0.5, 1e-9, "2 of the 4 positives are in the top 2 rows");
        report.Reliability.Should().BeEquivalentTo(
            new[] { new ReliabilityBin(0.1, 0.2, 18, 0.1, 2 / 18.0), new ReliabilityBin(0.9, 1.0, 2, 0.9, 1) },
            o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-4)).WhenTypeIs<double>());
    }

    [Fact]
    public void ClassificationReport_MacroAccuracy_WeighsLabelsEqually()
    {
        var report = ClassificationReport.From(["a", "a", "a", "b"], ["a", "a", "a", "a"]);

        report.Accuracy.Should().Be(0.75);
        report.MacroAccuracy.Should().Be(0.5);
    }
}
