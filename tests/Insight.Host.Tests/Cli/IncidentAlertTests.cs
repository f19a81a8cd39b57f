using System.Text.Json;
using System.Text.Json.Nodes;
using Insight.Host.Cli;
using Insight.Pipeline.Alerts;
using Insight.Pipeline.Demo;

namespace Insight.Host.Tests.Cli;

public sealed class IncidentAlertTests
{
    [Fact]
    public async Task Run_TwoDaysIntoTheDemoIncident_RaisesASpikeAlertForItsRootCause()
    {
        // The embedded default world (4,000 customers, seed 42), run as of two days after the incident began.
        using var workspace = new TestWorkspace(customers: 4_000);
        var manifest = new DemoWorldGenerator(Pipeline.Taxonomy.RootCauseTaxonomy.Load(Path.Combine(TestWorkspace.RepoRoot, "config", "taxonomy.json")))
            .Generate(4_000, 400, 42, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), Path.Combine(workspace.Root, "demo"));
        var config = JsonNode.Parse(File.ReadAllText(workspace.ConfigFile))!.AsObject();
        config["Run"]!["AsOf"] = manifest.Incident.Start.AddDays(2).ToString("yyyy-MM-dd");
        File.WriteAllText(workspace.ConfigFile, config.ToJsonString());
        var console = new TestConsole();

        int exit = await new RunCommand(console.Console).ExecuteAsync(workspace.ConfigFile, CancellationToken.None, RunCommandFixture.FixedTime);

        exit.Should().Be(0, console.Output);
        var spikes = File.ReadAllLines(workspace.Output(AlertsStage.AlertsFile))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(a => a.GetProperty("kind").GetString() == Alert.Spike)
            .ToList();
        var incident = spikes.Where(a => a.GetProperty("root_cause").GetString() == manifest.Incident.RootCause).ToList();
        incident.Should().NotBeEmpty($"the incident ({manifest.Incident.RootCause} from {manifest.Incident.Start:yyyy-MM-dd}) must raise a spike within two days; raised: {string.Join("; ", spikes.Select(s => s.GetProperty("key").GetString()))}");
        incident.Select(a => a.GetProperty("day").GetDateTime()).Min().Should().BeOnOrAfter(manifest.Incident.Start).And.BeBefore(manifest.Incident.Start.AddDays(2));
    }
}
