using Insight.Host.Cli;

namespace Insight.Host.Tests.Cli;

public sealed class StageFailureTests
{
    [Fact]
    public async Task Run_UnreadableContactsAndOneDayOfPurchases_FailsInTrainWithTheReason()
    {
        using var workspace = new TestWorkspace();
        string contacts = workspace.Write("contacts.csv", "contact_id,customer_id,started_at,channel\nk1,c1,2025-03-01T10:00:00Z,phone\n");
        string purchases = workspace.Write("purchases.csv", "order_id,customer_id,ordered_at,amount\no1,c1,2025-03-01T09:00:00Z,20\n");
        using var configured = new TestWorkspace(extra: new()
        {
            ["Input"] = new { Contacts = new { Path = contacts }, Purchases = new { Path = purchases } },
            ["Lake"] = new { Folder = workspace.LakeFolder },
            ["Registry"] = new { Folder = workspace.RegistryFolder },
            ["Run"] = new { OutputFolder = workspace.OutputFolder },
        });
        var console = new TestConsole();

        int exit = await new RunCommand(console.Console).ExecuteAsync(configured.ConfigFile, CancellationToken.None);

        exit.Should().Be(1);
        console.Output.Should().Contain("done ingest").And.Contain("done label").And.Contain("Run failed in stage train").And.Contain("Churn needs history");
    }
}
