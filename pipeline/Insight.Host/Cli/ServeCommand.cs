using Hangfire;
using Insight.Host.Serve;
using Insight.Pipeline.Taxonomy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight serve</c>: a Hangfire server that keeps the recurring jobs of <c>Schedule:Jobs</c>, with
/// <c>/health</c>, the dashboard and the outputs on one port, until it is stopped (Ctrl+C or SIGTERM),
/// when the running job finishes or is released to its queue for another server.
/// </summary>
public sealed class ServeCommand(IAnsiConsole console)
{
    /// <returns>0 after a clean stop, 2 when the configuration is wrong.</returns>
    public async Task<int> ExecuteAsync(string? configFile, string? urls, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null, Action<IWebHostBuilder>? webHost = null)
    {
        WebApplication app;
        IReadOnlyList<string> scheduled;
        try
        {
            var (configuration, demo) = RunCommand.BuildConfiguration(configFile);
            app = InsightWeb.Build(configuration, urls, configure, webHost);
            _ = app.Services.GetRequiredService<RootCauseTaxonomy>();
            if (demo)
            {
                RunCommand.EnsureDemoWorld(app.Services, console);
            }

            scheduled = RecurringSchedule.Apply(
                app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<JobStorage>(),
                app.Services.GetRequiredService<IOptions<ScheduleOptions>>().Value);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or FileNotFoundException or InvalidDataException)
        {
            console.MarkupLineInterpolated($"[red]Configuration error:[/] {RunCommand.ConfigurationError(e)}");
            return 2;
        }

        await using (app)
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var schedule = app.Services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
            console.MarkupLineInterpolated($"Insight is serving on [bold]{string.Join(", ", addresses)}[/]: dashboard {InsightWeb.DashboardPath}, outputs {InsightWeb.OutputsPath}/, health /health.");
            foreach (string id in scheduled)
            {
                console.MarkupLineInterpolated($"  recurring job [bold]{id}[/]: {schedule.Jobs[id].Cron} ({schedule.Jobs[id].TimeZone})");
            }

            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }

        return 0;
    }
}
