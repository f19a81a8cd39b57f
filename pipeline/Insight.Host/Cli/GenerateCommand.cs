using Insight.Host.Hosting;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary><c>insight generate</c>: writes a demo world.</summary>
public sealed class GenerateCommand(IAnsiConsole console)
{
    public int Execute(string? configFile, int customers, int days, int seed, DateTime start, string folder, double contactRate = 1)
    {
        if (customers < 1 || days < 30 || contactRate is < DemoWorldGenerator.MinContactRate or > DemoWorldGenerator.MaxContactRate)
        {
            console.MarkupLineInterpolated($"[red]--customers must be at least 1, --days at least 30 and --contact-rate between {DemoWorldGenerator.MinContactRate} and {DemoWorldGenerator.MaxContactRate}.[/]");
            return 2;
        }

        using var host = InsightHost.Build(InsightConfiguration.Build(configFile));
        var taxonomy = host.Services.GetRequiredService<RootCauseTaxonomy>();
        var manifest = new DemoWorldGenerator(taxonomy).Generate(customers, days, seed, start, folder, contactRate);
        console.MarkupLineInterpolated(
            $"Wrote a demo world to [bold]{Path.GetFullPath(folder)}[/]: {manifest.Customers:N0} customers, {manifest.Purchases:N0} purchases, {manifest.Contacts:N0} contacts, {manifest.Churners:N0} churners; incident: {manifest.Incident.RootCause} from {manifest.Incident.Start:yyyy-MM-dd} to {manifest.Incident.End:yyyy-MM-dd}.");
        return 0;
    }
}
