using System.Text.Json;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Insight.Pipeline.Tests.Registry;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 4, 0, 0, TimeSpan.Zero));
    private readonly ModelRegistry _registry;

    public ModelRegistryTests() =>
        _registry = new ModelRegistry(Options.Create(new RegistryOptions { Folder = _folder.File("registry"), Tolerance = 0.01 }), _time);

    [Fact]
    public void Register_NumbersVersions_KeepsTheFilesAndTheCard_AndTheSameTrainingIsTheSameVersion()
    {
        var first = Register(rows: 100, content: "a");
        _time.Advance(TimeSpan.FromDays(7));
        var second = Register(rows: 120, content: "b");
        var again = Register(rows: 120, content: "b");

        first.Version.Should().Be("v1");
        second.Version.Should().Be("v2");
        (again.Version, again.Folder).Should().Be((second.Version, second.Folder), "a card equal but for its time is a version already registered");
        File.ReadAllText(second.ModelPath).Should().Be("b");
        var reloaded = _registry.Get(ModelRegistry.Churn, "2");
        reloaded.Card.Rows.Should().Be(120);
        reloaded.Card.CreatedAt.Should().Be(new DateTimeOffset(2026, 3, 8, 4, 0, 0, TimeSpan.Zero));
        reloaded.Card.Fingerprint.Should().NotBeNullOrEmpty().And.NotBe(first.Card.Fingerprint);
        reloaded.Card.DetailsAs<Dictionary<string, int>>().Should().ContainKey("leaves");
        _registry.Versions(ModelRegistry.Churn).Select(v => v.Version).Should().Equal("v1", "v2");
        Directory.GetDirectories(Path.Combine(_registry.Folder, ModelRegistry.Churn)).Select(Path.GetFileName).Should().BeEquivalentTo(["v1", "v2"], "no staging folder is left behind");
    }

    [Fact]
    public void Decide_PromotesWithoutAChampion_OrWithinTheTolerance_AndKeepsTheChampionOtherwise_RecordingWhy()
    {
        var v1 = Register(rows: 1, content: "1");
        var v2 = Register(rows: 2, content: "2");
        var v3 = Register(rows: 3, content: "3");
        var v4 = Register(rows: 4, content: "4");

        _registry.Decide(v1, null, "roc_auc", null, 100).Promoted.Should().BeTrue();
        var worse = _registry.Decide(v2, v1, "roc_auc", (0.80, 0.82), 100);
        var within = _registry.Decide(v3, v1, "roc_auc", (0.815, 0.82), 100);
        var tooFew = _registry.Decide(v4, v3, "roc_auc", null, 12);

        worse.Promoted.Should().BeFalse();
        worse.Reason.Should().Contain("worse than the champion's 0.8200 by more than 0.01");
        within.Promoted.Should().BeTrue();
        tooFew.Promoted.Should().BeFalse();
        tooFew.Reason.Should().Contain("12 rows, too few");
        _registry.Champion(ModelRegistry.Churn)!.Version.Should().Be("v3");
        _registry.Decisions(ModelRegistry.Churn).Select(d => (d.Challenger, d.Promoted)).Should().Equal(("v1", true), ("v2", false), ("v3", true), ("v4", false));
        _registry.Champion(ModelRegistry.RootCauses).Should().BeNull("each model has its own champion");
    }

    [Fact]
    public void PromoteAndRollback_MoveTheChampion_AndRollbackNeedsAnEarlierOne()
    {
        var v1 = Register(rows: 1, content: "1");
        Register(rows: 2, content: "2");
        var rollbackWithNone = () => _registry.Rollback(ModelRegistry.Churn, "test");
        rollbackWithNone.Should().Throw<InvalidOperationException>().WithMessage("*no champion*");

        _registry.Promote(ModelRegistry.Churn, v1.Version, "first");
        _registry.Promote(ModelRegistry.Churn, "v2", "by hand");
        _registry.Champion(ModelRegistry.Churn)!.Version.Should().Be("v2");
        _registry.Rollback(ModelRegistry.Churn, "bad week").Version.Should().Be("v1");

        _registry.Champion(ModelRegistry.Churn)!.Version.Should().Be("v1");
        _registry.History(ModelRegistry.Churn).Select(c => (c.Action, c.Version)).Should().Equal(("promote", "v1"), ("promote", "v2"), ("rollback", "v1"));
        rollbackWithNone.Should().Throw<InvalidOperationException>().WithMessage("*nothing to roll back to*");
        var unknown = () => _registry.Promote(ModelRegistry.Churn, "v9", "typo");
        unknown.Should().Throw<ArgumentException>().WithMessage("*no version 'v9'*registered: v1, v2*");
        var wrongModel = () => _registry.Champion("sentiment");
        wrongModel.Should().Throw<ArgumentException>().WithMessage("*root-causes and churn*");
    }

    private ModelVersion Register(int rows, string content)
    {
        string staging = _registry.NewStagingFolder(ModelRegistry.Churn);
        File.WriteAllText(Path.Combine(staging, ModelVersion.ModelFile), content);
        var card = new ModelCard(
            ModelRegistry.Churn, "", default, "test", new DateTime(2025, 1, 1), new DateTime(2026, 1, 1), rows, new Dictionary<string, int> { ["churned"] = rows / 10 },
            new Dictionary<string, double> { ["roc_auc"] = 0.8 }, ["days_since_last_order"], new Dictionary<string, object> { ["trainer"] = "FastTree" }, 1, "2026.1", "",
            JsonSerializer.SerializeToElement(new Dictionary<string, int> { ["leaves"] = 20 }));
        return _registry.Register(staging, card);
    }

    public void Dispose() => _folder.Dispose();
}
