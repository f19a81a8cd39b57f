using Insight.Host.Cli;
using Insight.Pipeline.Rank;
using Parquet.Serialization;

namespace Insight.Host.Tests.Cli;

public sealed class HarmlessRootCauseRunTests
{
    [Fact]
    public async Task Run_FrequentHarmlessRootCause_RanksBelowRarerOnesThatDriveChurn()
    {
        // product-description is made four times as frequent, always resolved first time and never a
        // reason to leave: it costs contacts and nothing else.
        using var workspace = new TestWorkspace(harmlessRootCause: "product-description");

        int exit = await new RunCommand(new TestConsole().Console).ExecuteAsync(workspace.ConfigFile, CancellationToken.None, RunCommandFixture.FixedTime);

        exit.Should().Be(0);
        var fixes = (await ParquetSerializer.DeserializeAsync<UpstreamFix>(workspace.Output("upstream-fixes.parquet"))).Data.ToDictionary(f => f.RootCause);
        var harmless = fixes["product-description"];
        harmless.FcrRate.Should().Be(1);
        harmless.ExcessRevenueAtRisk.Should().Be(0);
        foreach (string churning in new[] { "refund-delay", "double-charge" })
        {
            fixes[churning].Contacts.Should().BeLessThan(harmless.Contacts, $"{churning} is the rarer one");
            fixes[churning].ChurnUplift.Should().BePositive();
            fixes[churning].Rank.Should().BeLessThan(harmless.Rank, $"{churning} drives churn");
        }
    }
}
