using Insight.Models.Churn;
using Insight.Models.Evaluation;
using Insight.Pipeline.Alerts;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Taxonomy;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Alerts;

public sealed class DriftMonitorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ParquetLake _lake;
    private readonly DriftMonitor _monitor;

    public DriftMonitorTests()
    {
        _lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("lake") }));
        _monitor = new DriftMonitor(_lake, Options.Create(new AlertOptions()), Options.Create(new ChurnOptions()));
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 40, false)]
    [InlineData(40, 0, true)]
    public async Task Churn_ARetrainIsRecommendedWhenFeaturesTheModelReliesOnMove(double shiftImportant, double shiftUnused, bool recommended)
    {
        var model = ChurnModel();
        var rng = new Random(7);
        await _lake.WriteAsync(LakeTables.CustomerFeatures,
            Enumerable.Range(0, 2_000).Select(i => new CustomerFeatureRow { CustomerId = $"c{i}", Values = [(float)(rng.NextDouble() * 100 + shiftImportant), (float)(rng.NextDouble() * 100 + shiftUnused)] }),
            new Dictionary<string, string> { [CustomerFeatureRow.FeatureNamesKey] = "important,unused" });

        var drift = await _monitor.MeasureAsync(Some.Day(100), model, null, [], CancellationToken.None);

        drift.FeaturePsi.Keys.Should().BeEquivalentTo(["important", "unused"]);
        drift.FeaturePsi["unused"].Should().Be(shiftUnused > 0 ? drift.MaxFeaturePsi : drift.FeaturePsi["unused"]);
        drift.FeaturePsi.Values.Max().Should().Be(drift.MaxFeaturePsi!.Value);
        (drift.MaxFeaturePsi > 0.25).Should().Be(shiftImportant + shiftUnused > 0);
        drift.RetrainRecommended.Should().Be(recommended);
        if (recommended)
        {
            drift.Reasons.Single().Should().BeEquivalentTo(new { Model = ModelRegistry.Churn, Version = "v3" });
            drift.Reasons.Single().Text.Should().Contain("100 % of the model's importance").And.Contain("important PSI");
        }
    }

    [Fact]
    public async Task RootCauses_AMixUnlikeTheTrainingLabels_AndMoreUnclassified_RecommendARetrain()
    {
        var classifier = new RootCauseModel(new SavedModel("unused.zip", "v2"), Card(coverage: 0.98), null);
        var steady = Contacts(("mis-pick", 50), ("double-charge", 50), (RootCauseTaxonomy.Unclassified, 2));
        var moved = Contacts(("mis-pick", 60), (RootCauseTaxonomy.Unclassified, 30));

        var calm = await _monitor.MeasureAsync(Some.Day(100), null, classifier, steady, CancellationToken.None);
        var drift = await _monitor.MeasureAsync(Some.Day(100), null, classifier, moved, CancellationToken.None);

        calm.RetrainRecommended.Should().BeFalse();
        calm.RootCauseMixPsi.Should().BeLessThan(0.01);
        drift.RootCauseMixPsi.Should().BeGreaterThan(0.25);
        drift.UnclassifiedShareNow.Should().BeApproximately(30 / 90.0, 1e-3);
        drift.UnclassifiedShareExpected.Should().BeApproximately(0.02, 1e-9);
        drift.Reasons.Should().HaveCount(2).And.OnlyContain(r => r.Model == ModelRegistry.RootCauses && r.Version == "v2");
    }

    [Fact]
    public async Task AlertsStage_RaisesADriftAlertOncePerModelVersion()
    {
        await _lake.WriteAsync(LakeTables.LabeledContacts, Contacts(("mis-pick", 60), (RootCauseTaxonomy.Unclassified, 30)));
        var classifier = new RootCauseModel(new SavedModel("unused.zip", "v2"), Card(coverage: 0.98), null);
        var first = await Alerts("run-1", classifier);
        var second = await Alerts("run-2", classifier);
        var retrained = await Alerts("run-3", classifier with { Saved = new SavedModel("unused.zip", "v3") });

        first.DriftAlerts.Should().Be(1);
        second.DriftAlerts.Should().Be(0, "the same version drifting is one alert");
        retrained.DriftAlerts.Should().Be(1, "a new champion that drifts again is news");
        var alerts = File.ReadAllLines(Path.Combine(_folder.File("out"), AlertsStage.AlertsFile)).Where(a => a.Contains("\"kind\":\"drift\"")).ToList();
        alerts.Should().HaveCount(2).And.OnlyContain(a => a.Contains("insight train root-causes"));
        alerts[0].Should().Contain("\"key\":\"drift:root-causes:v2\"");
    }

    private Task<AlertsReport> Alerts(string runId, RootCauseModel classifier)
    {
        var churnOptions = new ChurnOptions();
        var churn = new ChurnStage(_lake, Some.Taxonomy, Options.Create(churnOptions), Options.Create(new Insight.Pipeline.Resolve.ResolutionOptions()), NullLogger<ChurnStage>.Instance);
        return AlertsStages.Create(_lake, churn, new AlertOptions { CustomerAlerts = false }, churnOptions)
            .RunAsync(runId, Some.Day(100), null, classifier, churnScored: false, _folder.File("out"), CancellationToken.None);
    }

    /// <summary>A churn model whose card profiles two features, uniform on 0–100, of which the model uses only the first.</summary>
    private SavedModel ChurnModel()
    {
        var rng = new Random(3);
        var reference = Enumerable.Range(0, 2_000).Select(_ => rng.NextDouble() * 100).ToList();
        string path = _folder.File("churn.zip");
        new ChurnModelCard(
            ChurnOptions.Transactional, 90, Some.Day(0), Some.Day(10), 2_000, 0.1, new BinaryReport(100, 0.1, 0.8, 0.4, 0.08, 3, 0.3, []), null,
            new Dictionary<string, object>(), ["important", "unused"], [new FeatureImportance("important", 0.05, 0.01), new FeatureImportance("unused", -0.001, 0.001)],
            FeatureProfile: [PopulationStability.Profile("important", reference), PopulationStability.Profile("unused", reference)]).Write(path);
        return new SavedModel(path, "v3");
    }

    private static ClassifierCard Card(double coverage) =>
        new("dispositions", 80, 20, 0.9, 0.9, 0.9, "t", new AbstentionReport(0.5, 0.1, "target-precision", 0.85, true, 0.9, coverage, 0.02),
            Some.Day(0), Some.Day(50), new Dictionary<string, int> { ["mis-pick"] = 500, ["double-charge"] = 500 });

    private static List<LabeledContact> Contacts(params (string RootCause, int Count)[] mix) =>
        [.. mix.SelectMany(m => Enumerable.Range(0, m.Count).Select(i => new ContactBuilder().WithId($"{m.RootCause}/{i}").ForCustomer($"c{i}").About(m.RootCause).OnDay(90 + (i % 9)).Build()))];

    public void Dispose() => _folder.Dispose();
}
