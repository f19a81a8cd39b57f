using System.Text.Json;
using System.Text.Json.Nodes;
using Insight.Host.Cli;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Evaluate;
using Insight.Pipeline.Run;

namespace Insight.Host.Tests.Cli;

/// <summary><c>insight evaluate churn</c> on real public data and on the demo world. Data-set tests are skipped where the data is absent.</summary>
public sealed class EvaluateChurnCommandTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    [SkippableFact]
    public async Task EvaluateChurn_Telco_CrossValidatesOnStratifiedFolds()
    {
        var (exit, output, report) = await EvaluateAsync(_workspace.WriteExample("telco-churn"));

        exit.Should().Be(0, output);
        report["kind"]!.GetValue<string>().Should().Be("cross-validation");
        var cv = report["cross_validation"].Deserialize<ChurnCrossValidationReport>(RunLog.Json)!;
        cv.Customers.Should().Be(7_043);
        cv.PerFold.Should().HaveCount(5);
        cv.PerFold.Sum(f => f.TestRows).Should().Be(7_043, "every customer is tested exactly once");
        cv.PerFold.Should().OnlyContain(f => Math.Abs(f.Test.PositiveRate - cv.ChurnRate) < 0.002, "the folds are stratified");
        cv.MeanRocAuc.Should().BeApproximately(cv.PerFold.Average(f => f.Test.RocAuc), 1e-4);
        cv.MinRocAuc.Should().BeLessThanOrEqualTo(cv.MeanRocAuc).And.BeGreaterThan(0.8);
        cv.MeanRocAuc.Should().BeGreaterThanOrEqualTo(0.84, "published single-split figures are 0.84-0.85");
        output.Should().Contain("Mean ROC-AUC").And.Contain("stratified folds");
    }

    [SkippableFact(Skip = "Issue 6 ended blocked: telco's mean cross-validated ROC-AUC is 0.850 at best with ML.NET's learners (README, Measured); the target is 0.86.")]
    public async Task EvaluateChurn_Telco_MeetsTheTarget()
    {
        var (exit, output, report) = await EvaluateAsync(_workspace.WriteExample("telco-churn"));

        exit.Should().Be(0, output);
        report["cross_validation"].Deserialize<ChurnCrossValidationReport>(RunLog.Json)!.MeanRocAuc.Should().BeGreaterThanOrEqualTo(0.86);
    }

    [SkippableFact]
    public async Task EvaluateChurn_Cdnow_BeatsBgNbdAloneOnTheLaterWindow()
    {
        var (exit, output, report) = await EvaluateAsync(_workspace.WriteExample("cdnow"));

        exit.Should().Be(0, output);
        var churn = report["churn"].Deserialize<ChurnReport>(RunLog.Json)!;
        churn.ValidationAsOf.Should().BeAfter(churn.TrainAsOf!.Value);
        churn.Validation!.RocAuc.Should().BeGreaterThan(churn.BgNbdRocAuc!.Value, "the model must beat BG/NBD probability alive alone");
        output.Should().Contain("BG/NBD p(alive) alone").And.Contain("beats BG/NBD");
    }

    [Fact]
    public async Task EvaluateChurn_Demo_RanksTrueChurnersFirst()
    {
        var (exit, output, report) = await EvaluateAsync(EvaluateChurnCommand.Demo);

        exit.Should().Be(0, output);
        var churn = report["churn"].Deserialize<ChurnReport>(RunLog.Json)!;
        churn.Validation!.RocAuc.Should().BeGreaterThan(0.75);
        churn.Validation.RocAuc.Should().BeGreaterThan(churn.BgNbdRocAuc!.Value);
        churn.Validation.TopDecileShare.Should().BeGreaterThan(0.35, "a tenth of the customers, ranked by the model, hold over a third of the churners");
        churn.Validation.Reliability.Sum(b => b.Rows).Should().Be(churn.Validation.Rows);
        churn.Importance.Should().NotBeNullOrEmpty();
        output.Should().Contain("churners in the top decile").And.Contain("permutation importance");
    }

    [Fact]
    public async Task EvaluateChurn_MissingMapping_SaysWhatDataIs()
    {
        var (exit, output, _) = await EvaluateAsync(Path.Combine(_workspace.Root, "nope.json"));

        exit.Should().Be(2);
        output.Should().Contain("neither a mapping file nor 'demo'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task EvaluateChurn_FewerThanTwoFolds_IsRefused(int folds)
    {
        var console = new TestConsole();

        int exit = await new EvaluateChurnCommand(console.Console).ExecuteAsync(EvaluateChurnCommand.Demo, folds, _workspace.Output("e.json"), CancellationToken.None);

        exit.Should().Be(2);
        console.Output.Should().Contain("--folds must be at least 2");
    }

    public void Dispose() => _workspace.Dispose();

    private async Task<(int Exit, string Output, JsonObject Report)> EvaluateAsync(string data)
    {
        var console = new TestConsole();
        string output = _workspace.Output("evaluate-churn.json");
        int exit = await new EvaluateChurnCommand(console.Console).ExecuteAsync(data, 5, output, CancellationToken.None);
        string text = string.Join(' ', console.Output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        return (exit, text, exit == 0 ? JsonNode.Parse(File.ReadAllText(output))!.AsObject() : null!);
    }
}
