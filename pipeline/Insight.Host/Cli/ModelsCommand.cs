using System.Globalization;
using System.Text.Json;
using Insight.Host.Hosting;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight train</c> and <c>insight models</c>: train a challenger now, and look after the registry
/// (list, show, promote, roll back).
/// </summary>
public sealed class ModelsCommand(IAnsiConsole console)
{
    /// <summary>
    /// <c>insight train &lt;model&gt;</c>: ingests what is new (the demo world when no input is configured),
    /// labels when churn needs it, trains a challenger and promotes it when it is not worse than the champion.
    /// </summary>
    public async Task<int> TrainAsync(string? configFile, string model, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        if (!ModelRegistry.Models.Contains(model))
        {
            console.MarkupLineInterpolated($"[red]Unknown model '{model}':[/] the registry keeps {string.Join(" and ", ModelRegistry.Models)}.");
            return 2;
        }

        var (configuration, demo) = RunCommand.BuildConfiguration(configFile);
        using var host = InsightHost.Build(configuration, configure);
        try
        {
            if (demo)
            {
                RunCommand.EnsureDemoWorld(host.Services, console);
            }

            var runner = host.Services.GetRequiredService<PipelineRunner>();
            string runId = "train-" + host.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            await runner.RunStageAsync(PipelineStages.Ingest, runId, cancellationToken);
            if (model == ModelRegistry.Churn)
            {
                await runner.RunStageAsync(PipelineStages.Label, runId, cancellationToken);
            }

            var report = await runner.TrainModelsAsync(runId, [model], cancellationToken);
            var decision = model == ModelRegistry.Churn ? report.Churn : report.RootCauses;
            if (decision is null)
            {
                console.MarkupLineInterpolated($"[yellow]No {model} model trained:[/] there is no data for it in the lake (see the ingest summary).");
                return 1;
            }

            string outcome = decision.Promoted ? "[green]promoted[/]" : "[yellow]not promoted[/]";
            console.MarkupLine($"{Markup.Escape(model)} {decision.Challenger}: {outcome} ({Markup.Escape(decision.Reason)}).");
            return 0;
        }
        catch (InvalidDataException e)
        {
            console.MarkupLineInterpolated($"[red]Training failed:[/] {e.Message}");
            return 1;
        }
    }

    /// <summary><c>insight models list</c>: every version of every model, the champion marked.</summary>
    public int List(string? configFile) => WithRegistry(configFile, registry =>
    {
        var table = new Table().AddColumns("model", "version", "champion", "created", "data", "rows", "metric");
        foreach (string model in ModelRegistry.Models)
        {
            string? champion = registry.Champion(model)?.Version;
            foreach (var version in registry.Versions(model))
            {
                var card = version.Card;
                string metric = model == ModelRegistry.Churn ? Champions.ChurnMetric : Champions.RootCauseMetric;
                table.AddRow(
                    Markup.Escape(model), version.Version, version.Version == champion ? "[green]*[/]" : "",
                    card.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    $"{card.DataFrom:yyyy-MM-dd} to {card.DataTo:yyyy-MM-dd}", card.Rows.ToString("N0", CultureInfo.InvariantCulture),
                    card.Metrics.TryGetValue(metric, out double value) ? $"{metric} {value:0.0000}" : "");
            }
        }

        console.MarkupLineInterpolated($"Registry: [bold]{registry.Folder}[/]");
        console.Write(table);
    });

    /// <summary><c>insight models show &lt;model&gt;</c>: the champion's card, the champion changes and the latest decisions.</summary>
    public int Show(string? configFile, string model) => WithRegistry(configFile, registry =>
    {
        var champion = registry.Champion(model);
        console.MarkupLineInterpolated($"[bold]{model}[/]: champion {champion?.Version ?? "none"} of {registry.Versions(model).Count} version(s) in {registry.Folder}");
        if (champion is not null)
        {
            console.WriteLine(JsonSerializer.Serialize(champion.Card, ModelRegistry.Json));
        }

        foreach (var change in registry.History(model))
        {
            console.MarkupLineInterpolated($"{change.At:yyyy-MM-dd HH:mm} {change.Action} {change.Version}: {change.Reason}");
        }

        foreach (var decision in registry.Decisions(model).TakeLast(5))
        {
            console.MarkupLineInterpolated($"{decision.At:yyyy-MM-dd HH:mm} challenger {decision.Challenger} vs {decision.Champion ?? "none"}: {(decision.Promoted ? "promoted" : "kept the champion")} ({decision.Reason})");
        }
    });

    /// <summary><c>insight models promote &lt;model&gt; &lt;version&gt;</c>: makes a version the champion by hand.</summary>
    public int Promote(string? configFile, string model, string version) => WithRegistry(configFile, registry =>
    {
        registry.Promote(model, version, "by hand (insight models promote)");
        console.MarkupLineInterpolated($"{model}: champion is now {registry.Champion(model)!.Version}.");
    });

    /// <summary><c>insight models rollback &lt;model&gt;</c>: goes back to the champion before the current one.</summary>
    public int Rollback(string? configFile, string model) => WithRegistry(configFile, registry =>
    {
        string from = registry.Champion(model)?.Version ?? "none";
        var to = registry.Rollback(model, "by hand (insight models rollback)");
        console.MarkupLineInterpolated($"{model}: rolled back from {from} to {to.Version}.");
    });

    /// <summary>Runs a registry action on the configured registry; a wrong model or version is a clear message and exit code 2.</summary>
    private int WithRegistry(string? configFile, Action<ModelRegistry> action)
    {
        using var host = InsightHost.Build(InsightConfiguration.Build(configFile));
        _ = host.Services.GetRequiredService<IOptions<RegistryOptions>>().Value;
        try
        {
            action(host.Services.GetRequiredService<ModelRegistry>());
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }
    }
}
