using Insight.Pipeline.Churn;
using Insight.Pipeline.Evaluate;

namespace Insight.Pipeline.Tests.Churn;

public sealed class AttributeEncoderTests
{
    [Fact]
    public void Fit_NumbersStayNumbers_TextBecomesOneHot_MissingIsNaN_UnseenLevelSetsNothing()
    {
        var training = new[]
        {
            Row(("plan", "Pro"), ("monthly", "29.5"), ("tenure", "3")),
            Row(("plan", "Basic"), ("monthly", null), ("tenure", "12")),
        };

        var encoder = AttributeEncoder.Fit(training);

        encoder.Names.Should().Equal("attr_monthly", "attr_plan=Basic", "attr_plan=Pro", "attr_tenure");
        encoder.Encode(training[0]).Should().Equal(29.5f, 0f, 1f, 3f);
        encoder.Encode(training[1])[0].Should().Be(float.NaN);
        encoder.Encode(Row(("plan", "Enterprise"), ("monthly", "n/a"))).Should().Equal(float.NaN, 0f, 0f, float.NaN);
    }

    [Fact]
    public void Folds_AreStratifiedAndStable()
    {
        var rows = Enumerable.Range(0, 1_000).Select(i => ($"c{i}", i % 4 == 0)).ToList();

        var folds = ChurnCrossValidation.Folds(rows, 5);

        foreach (var fold in folds.GroupBy(f => f.Value))
        {
            fold.Count().Should().Be(200);
            fold.Count(f => rows[int.Parse(f.Key[1..])].Item2).Should().Be(50, "each fold keeps the 25% churn rate");
        }

        ChurnCrossValidation.Folds(Enumerable.Reverse(rows), 5).Should().Equal(folds);
    }

    private static IReadOnlyDictionary<string, string?> Row(params (string Column, string? Value)[] values) =>
        values.ToDictionary(v => v.Column, v => v.Value);
}
