using Insight.Host.Cli;

namespace Insight.Host.Tests.Cli;

public sealed class GenerateCommandTests
{
    [Fact]
    public async Task Generate_FromTheCommandLine_WritesExportsAndTruth()
    {
        using var workspace = new TestWorkspace();
        string folder = Path.Combine(workspace.Root, "world");
        var console = new TestConsole();

        int exit = await InsightCommandLine.Create(console.Console)
            .Parse(["generate", "--customers", "200", "--days", "120", "--seed", "3", "--out", folder])
            .InvokeAsync();

        exit.Should().Be(0, console.Output);
        foreach (string file in new[] { "contacts.csv", "purchases.csv", "customers.csv", "manifest.json", "truth/contacts.csv", "truth/customers.csv", "truth/incident.json" })
        {
            File.Exists(Path.Combine(folder, file)).Should().BeTrue(file);
        }

        console.Output.Should().Contain("200 customers").And.Contain("incident");
    }

    [Fact]
    public async Task Generate_TooFewDays_IsRefused()
    {
        var console = new TestConsole();

        int exit = await InsightCommandLine.Create(console.Console).Parse(["generate", "--days", "5", "--out", Path.GetTempPath()]).InvokeAsync();

        exit.Should().Be(2);
        console.Output.Should().Contain("--days");
    }
}
