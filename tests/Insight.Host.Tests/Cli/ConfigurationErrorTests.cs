using Insight.Host.Cli;

namespace Insight.Host.Tests.Cli;

public sealed class ConfigurationErrorTests
{
    [Fact]
    public async Task Run_OutOfRangeValueInConfigFile_StopsWithTheKey()
    {
        using var workspace = new TestWorkspace(extra: new() { ["Resolution"] = new { RepeatWindowDays = 0 } });
        var console = new TestConsole();

        int exit = await new RunCommand(console.Console).ExecuteAsync(workspace.ConfigFile, CancellationToken.None);

        exit.Should().Be(2);
        console.Output.Should().Contain("Configuration error").And.Contain("'Resolution'").And.Contain("RepeatWindowDays");
        Directory.Exists(workspace.OutputFolder).Should().BeFalse();
    }

    [Fact]
    public async Task Run_EnvironmentVariable_OverridesTheConfigFiles()
    {
        using var workspace = new TestWorkspace();
        var console = new TestConsole();
        Environment.SetEnvironmentVariable("INSIGHT__Churn__HorizonDays", "3");
        try
        {
            int exit = await new RunCommand(console.Console).ExecuteAsync(workspace.ConfigFile, CancellationToken.None);

            exit.Should().Be(2);
            console.Output.Should().Contain("'Churn'").And.Contain("HorizonDays");
        }
        finally
        {
            Environment.SetEnvironmentVariable("INSIGHT__Churn__HorizonDays", null);
        }
    }

    [Fact]
    public async Task Run_ValueOfTheWrongType_NamesTheKey()
    {
        using var workspace = new TestWorkspace(extra: new() { ["Ranking"] = new { MinContacts = "many" } });
        var console = new TestConsole();

        int exit = await new RunCommand(console.Console).ExecuteAsync(workspace.ConfigFile, CancellationToken.None);

        exit.Should().Be(2);
        console.Output.Should().Contain("Ranking:MinContacts");
    }

    [Fact]
    public async Task Run_MissingConfigFile_NamesIt()
    {
        var console = new TestConsole();

        int exit = await new RunCommand(console.Console).ExecuteAsync("/nonexistent/insight.json", CancellationToken.None);

        exit.Should().Be(2);
        console.Output.Should().Contain("/nonexistent/insight.json");
    }
}
