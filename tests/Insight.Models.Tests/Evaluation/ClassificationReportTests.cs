using Insight.Models.Evaluation;

namespace Insight.Models.Tests.Evaluation;

public sealed class ClassificationReportTests
{
    [Fact]
    public void From_Mistakes_GivesPerClassScoresAndConfusionPairs()
    {
        string[] actual = ["a", "a", "a", "a", "b", "b", "c", "c"];
        string[] predicted = ["a", "a", "a", "b", "b", "a", "c", "b"];

        var report = ClassificationReport.From(actual, predicted);

        report.Accuracy.Should().Be(5 / 8.0);
        var a = report.Classes.Single(c => c.Label == "a");
        a.Support.Should().Be(4);
        a.Precision.Should().Be(3 / 4.0);
        a.Recall.Should().Be(3 / 4.0);
        var b = report.Classes.Single(c => c.Label == "b");
        b.Precision.Should().Be(1 / 3.0);
        b.F1.Should().BeApproximately(2 * (1 / 3.0) * 0.5 / (1 / 3.0 + 0.5), 1e-9);
        report.MacroF1.Should().BeApproximately(report.Classes.Average(c => c.F1), 1e-12);
        report.ConfusionPairs.Should().BeEquivalentTo(
            [new ConfusionPair("a", "b", 1), new ConfusionPair("b", "a", 1), new ConfusionPair("c", "b", 1)], o => o.WithStrictOrdering());
    }
}
