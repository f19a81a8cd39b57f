using System.Text.Json.Nodes;
using Insight.Host.Cli;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Registry;

namespace Insight.Host.Tests.Cli;

/// <summary><c>insight train</c> and <c>insight models</c> on a real registry: champion/challenger, promote, roll back, and the version in every output row.</summary>
public sealed class ModelsCommandTests
{
    [Fact]
    public async Task Train_AWorseChallengerIsKeptOut_WithTheReason_ByHandItCanBePromotedAndRolledBack_AndRunsRecordTheChampion()
    {
        using var workspace = new TestWorkspace(customers: 400);
        var console = new TestConsole();
        var commands = new ModelsCommand(console.Console);

        (await commands.TrainAsync(workspace.ConfigFile, ModelRegistry.Churn, CancellationToken.None)).Should().Be(0, console.Output);
        console.Output.Should().Contain("churn v1: promoted (there was no champion)");

        // The same data with a crippled trainer (one two-leaf tree): a challenger that must not replace the champion.
        var crippled = JsonNode.Parse(File.ReadAllText(workspace.ConfigFile))!.AsObject();
        crippled["Churn"] = new JsonObject { ["Trees"] = 1, ["Leaves"] = 2 };
        string crippledConfig = workspace.Write("crippled.json", crippled.ToJsonString());
        (await commands.TrainAsync(crippledConfig, ModelRegistry.Churn, CancellationToken.None)).Should().Be(0, console.Output);

        var registry = workspace.Registry();
        var decision = registry.Decisions(ModelRegistry.Churn)[^1];
        decision.Should().BeEquivalentTo(new { Challenger = "v2", Champion = "v1", Metric = "roc_auc", Promoted = false });
        decision.ChallengerScore.Should().BeLessThan(decision.ChampionScore!.Value - registry.Tolerance);
        decision.Reason.Should().Contain("worse than the champion's");
        registry.Champion(ModelRegistry.Churn)!.Version.Should().Be("v1");
        var card = registry.Get(ModelRegistry.Churn, "v2").Card;
        card.Trainer["trees"].ToString().Should().Be("1");
        card.Rows.Should().BeGreaterThan(1_000);
        card.Metrics["roc_auc"].Should().Be(decision.ChallengerScore);
        card.CodeVersion.Should().NotBeNullOrWhiteSpace();
        File.Exists(Path.Combine(registry.Get(ModelRegistry.Churn, "v2").Folder, "model.zip")).Should().BeTrue();

        commands.Promote(workspace.ConfigFile, ModelRegistry.Churn, "2").Should().Be(0);
        registry.Champion(ModelRegistry.Churn)!.Version.Should().Be("v2");
        commands.Rollback(workspace.ConfigFile, ModelRegistry.Churn).Should().Be(0);
        registry.Champion(ModelRegistry.Churn)!.Version.Should().Be("v1");
        commands.Promote(workspace.ConfigFile, ModelRegistry.Churn, "v9").Should().Be(2);
        console.Output.Should().Contain("churn has no version 'v9'");
        commands.List(workspace.ConfigFile).Should().Be(0);
        console.Output.Should().Contain("v2").And.Contain("roc_auc");

        (await new RunCommand(new TestConsole().Console).ExecuteAsync(workspace.ConfigFile, CancellationToken.None, RunCommandFixture.FixedTime)).Should().Be(0);
        var atRisk = File.ReadAllLines(workspace.Output("at-risk-customers.csv"));
        atRisk[0].Should().EndWith(",churn_model");
        atRisk.Skip(1).Should().NotBeEmpty().And.OnlyContain(line => line.EndsWith(",v1", StringComparison.Ordinal), "the run scores with the champion, v1, and says so");
        registry.Champion(ModelRegistry.Churn)!.Version.Should().Be("v1", "the run's challenger is v1 again (the same data and trainer), not a new version");
        registry.Versions(ModelRegistry.Churn).Should().HaveCount(2);
        var fixes = File.ReadAllLines(workspace.Output("upstream-fixes.csv"));
        fixes[0].Should().EndWith(",root_cause_model,churn_model");
        fixes.Skip(1).Should().OnlyContain(line => line.EndsWith(",v1,v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Train_UnknownModel_SaysWhichExist()
    {
        var console = new TestConsole();

        (await new ModelsCommand(console.Console).TrainAsync(null, "sentiment", CancellationToken.None)).Should().Be(2);

        console.Output.Should().Contain("root-causes and churn");
    }
}
