using System.Globalization;
using System.Text.Json;
using Insight.Host.Hosting;
using Insight.Host.Jobs;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parquet.Serialization;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight run</c>: one pass of the pipeline as a chain of Hangfire jobs on an in-process server,
/// waiting for the chain to finish. With no input configured it first generates the demo world.
/// </summary>
public sealed class RunCommand(IAnsiConsole console)
{
    /// <param name="configFile">An extra configuration file, or null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="configure">Changes to the services (tests inject a clock).</param>
    /// <param name="ingestOnly">Run only the ingest job (<c>insight ingest</c>).</param>
    /// <returns>0 on success, 1 when a stage failed, 2 when the configuration is wrong.</returns>
    public async Task<int> ExecuteAsync(string? configFile, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null, bool ingestOnly = false)
    {
        IHost host;
        bool demo;
        try
        {
            (var configuration, demo) = BuildConfiguration(configFile);
            host = InsightHost.Build(configuration, configure);
            await host.StartAsync(cancellationToken);
            _ = host.Services.GetRequiredService<RootCauseTaxonomy>();
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or FileNotFoundException or InvalidDataException)
        {
            console.MarkupLineInterpolated($"[red]Configuration error:[/] {ConfigurationError(e)}");
            return 2;
        }

        using (host)
        {
            try
            {
                if (demo)
                {
                    EnsureDemoWorld(host.Services, console);
                }

                var time = host.Services.GetRequiredService<TimeProvider>();
                string runId = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                var chain = host.Services.GetRequiredService<RunChain>();
                var jobs = chain.Enqueue(runId, ingestOnly ? [PipelineStages.Ingest] : null);
                console.MarkupLineInterpolated($"Run [bold]{runId}[/]: {jobs.Count} stage jobs enqueued on the in-process Hangfire server.");
                await console.Status().StartAsync("Running ingest...", async status =>
                {
                    int next = 1;
                    await chain.WaitAsync(jobs, (stage, elapsed) =>
                    {
                        console.MarkupLineInterpolated($"  [green]done[/] {stage,-10} {elapsed.TotalSeconds,6:0.0} s");
                        if (next < jobs.Count)
                        {
                            status.Status($"Running {jobs[next++].Stage}...");
                        }
                    }, cancellationToken);
                });

                if (ingestOnly)
                {
                    var ingested = host.Services.GetRequiredService<RunLog>().ReadReport<IngestReport>(runId, PipelineStages.Ingest);
                    PrintInputs(ingested.Sources);
                }
                else
                {
                    await PrintSummaryAsync(host.Services.GetRequiredService<PipelineRunner>(), cancellationToken);
                }

                return 0;
            }
            catch (StageFailedException e)
            {
                console.MarkupLineInterpolated($"[red]Run failed in stage {e.Stage}:[/] {e.Error}");
                return 1;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The configuration of a run: with the demo world's files as inputs when no input is configured (<c>demo</c>).</summary>
    internal static (IConfigurationRoot Configuration, bool Demo) BuildConfiguration(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var configuration = InsightConfiguration.Build(configFile, overrides);
        bool demo = IsUnconfigured(configuration, nameof(IngestOptions.Contacts)) && IsUnconfigured(configuration, nameof(IngestOptions.Purchases))
            && IsUnconfigured(configuration, nameof(IngestOptions.Customers));
        return demo
            ? (InsightConfiguration.Build(configFile, new Dictionary<string, string?>([
                .. overrides ?? new Dictionary<string, string?>(),
                .. DemoInputs(configuration[$"{DemoOptions.Section}:{nameof(DemoOptions.Folder)}"] ?? new DemoOptions().Folder)])), true)
            : (configuration, false);
    }

    /// <summary>A source with neither a path nor a PostgreSQL table or query.</summary>
    private static bool IsUnconfigured(IConfiguration configuration, string source)
    {
        var section = configuration.GetSection($"{IngestOptions.Section}:{source}");
        return string.IsNullOrWhiteSpace(section[nameof(SourceOptions.Path)])
            && string.IsNullOrWhiteSpace(section[$"{nameof(SourceOptions.Postgres)}:{nameof(PostgresSourceOptions.Table)}"])
            && string.IsNullOrWhiteSpace(section[$"{nameof(SourceOptions.Postgres)}:{nameof(PostgresSourceOptions.Query)}"]);
    }

    internal static Dictionary<string, string?> DemoInputs(string folder) => new()
    {
        [$"{IngestOptions.Section}:{nameof(IngestOptions.Contacts)}:{nameof(SourceOptions.Path)}"] = Path.Combine(folder, DemoFiles.Contacts),
        [$"{IngestOptions.Section}:{nameof(IngestOptions.Purchases)}:{nameof(SourceOptions.Path)}"] = Path.Combine(folder, DemoFiles.Purchases),
        [$"{IngestOptions.Section}:{nameof(IngestOptions.Customers)}:{nameof(SourceOptions.Path)}"] = Path.Combine(folder, DemoFiles.Customers),
        [$"{IngestOptions.Section}:{nameof(IngestOptions.Truth)}"] = Path.Combine(folder, DemoFiles.TruthFolder),
    };

    /// <summary>Generates the demo world unless the one on disk was made with the same settings.</summary>
    internal static void EnsureDemoWorld(IServiceProvider services, IAnsiConsole console)
    {
        var options = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var taxonomy = services.GetRequiredService<RootCauseTaxonomy>();
        if (DemoWorldGenerator.CurrentManifest(options, taxonomy.Version) is not null)
        {
            console.MarkupLineInterpolated($"No input configured: using the demo world in [bold]{options.Folder}[/] (seed {options.Seed}).");
            return;
        }

        console.MarkupLineInterpolated($"No input configured: generating a demo world of {options.Customers:N0} customers over {options.Days} days in [bold]{options.Folder}[/]...");
        var manifest = new DemoWorldGenerator(taxonomy, options.HarmlessRootCause).Generate(options.Customers, options.Days, options.Seed, options.Start, options.Folder, options.ContactRate);
        console.MarkupLineInterpolated($"  {manifest.Purchases:N0} purchases, {manifest.Contacts:N0} contacts.");
    }

    private async Task PrintSummaryAsync(PipelineRunner runner, CancellationToken cancellationToken)
    {
        var summary = runner.ReadSummary();
        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]Insight run {summary.RunId}[/], as of {summary.AsOf:yyyy-MM-dd}");

        PrintInputs(summary.Inputs);

        var fixes = await ParquetSerializer.DeserializeAsync<UpstreamFix>(Path.Combine(runner.OutputFolder, RankStage.UpstreamFixesFile + ".parquet"), cancellationToken: cancellationToken);
        var table = new Table
            {
                Title = new TableTitle("Top upstream fixes"),
                Caption = new TableTitle("cost: of all contacts; uplift: churn against comparable customers who did not contact about it; revenue at risk: the expected spend that uplift puts at risk"),
            }
            .AddColumns("rank", "root cause", "owner", "contacts", "FCR", "repeats", "cost", "uplift", "revenue at risk", "impact");
        foreach (var fix in fixes.Data.Take(5))
        {
            table.AddRow($"{fix.Rank}", fix.RootCause, fix.Owner, $"{fix.Contacts:N0}", fix.FcrRate is { } fcr ? $"{fcr:P0}" : "-",
                $"{fix.RepeatContacts:N0}", $"{fix.ContactCost:N0}", fix.ChurnUplift is { } uplift ? $"{uplift * 100:+0.0;-0.0} pts" : "-",
                $"{fix.ExcessRevenueAtRisk:N0}", $"{fix.Impact:N0}");
        }

        console.Write(table);

        var atRisk = await ParquetSerializer.DeserializeAsync<AtRiskCustomer>(Path.Combine(runner.OutputFolder, RankStage.AtRiskCustomersFile + ".parquet"), cancellationToken: cancellationToken);
        console.MarkupLineInterpolated(
            $"At-risk customers: [bold]{atRisk.Data.Count:N0}[/] with {atRisk.Data.Sum(a => a.ValueAtRisk):N0} of value at risk; top: {(atRisk.Data.Count > 0 ? $"{atRisk.Data[0].CustomerId} ({atRisk.Data[0].ChurnProbability:P0}: {atRisk.Data[0].Reasons})" : "none")}");

        var m = summary.Metrics;
        console.MarkupLineInterpolated(m.RootCauseMode == LabelStage.NoContacts
            ? (FormattableString)$"Root causes: none (no contacts)."
            : $"Root causes ({m.RootCauseMode}): hold-out accuracy {m.RootCauseHoldoutAccuracy:0.000}, unclassified {m.UnclassifiedShare:P1}{(m.RootCauseTruthAccuracy is { } a ? $", accuracy against truth {a:0.000}" : "")}");
        console.MarkupLineInterpolated(m.ChurnValidationRocAuc is null
            ? (FormattableString)$"Churn: not scored (no purchases)."
            : $"Churn (validated on a later window): ROC-AUC {m.ChurnValidationRocAuc:0.000}, PR-AUC {m.ChurnValidationPrAuc:0.000}, top-decile lift {m.ChurnTopDecileLift:0.00}, Brier {m.ChurnBrier:0.000}; BG/NBD alone ROC-AUC {m.ChurnBgNbdRocAuc:0.000}");
        if (summary.Models is { } models)
        {
            console.MarkupLineInterpolated($"Models (registry champions): root-causes {models.GetValueOrDefault(ModelRegistry.RootCauses) ?? "none"}, churn {models.GetValueOrDefault(ModelRegistry.Churn) ?? "none"}.");
        }

        if (summary.Drift is { } drift)
        {
            console.MarkupLineInterpolated(
                $"Drift since training: churn features max PSI {drift.MaxFeaturePsi?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"} ({drift.DriftedImportanceShare?.ToString("P0", CultureInfo.InvariantCulture) ?? "-"} of importance drifted), root-cause mix PSI {drift.RootCauseMixPsi?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"}, unclassified {drift.UnclassifiedShareNow?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"}; {(drift.RetrainRecommended ? "retrain recommended: " + string.Join("; ", drift.Reasons.Select(r => r.Text)) : "no retrain needed")}.");
        }

        if (summary.Truth is { IncidentRootCause: not null } truth)
        {
            console.MarkupLineInterpolated($"Demo incident [bold]{truth.IncidentRootCause}[/] ranks {(truth.IncidentRank is { } r ? $"#{r}" : "unranked")} in upstream fixes.");
        }

        console.MarkupLine("Files:");
        foreach (string output in summary.Outputs)
        {
            console.MarkupLineInterpolated($"  {output}");
        }
    }

    private void PrintInputs(IEnumerable<SourceReport> sources)
    {
        InsightCommandLine.FitRedirected(console, 120);

        var inputs = new Table().AddColumns("input", "rows read", "stored", "new", "updated", "unchanged", "quarantined", "in lake", "error");
        foreach (var source in sources)
        {
            inputs.AddRow(source.Source, $"{source.RowsRead:N0}", $"{source.RowsStored:N0}", $"{source.Added:N0}", $"{source.Updated:N0}", $"{source.Unchanged:N0}",
                $"{source.RowsQuarantined:N0}", $"{source.TableRows:N0}", Markup.Escape(source.Error ?? (source.Format.Length == 0 ? "not configured" : "")));
        }

        console.Write(inputs);
    }

    internal static string ConfigurationError(Exception e) => e switch
    {
        OptionsValidationException v => $"section '{SectionOf(v.OptionsType)}': {string.Join("; ", v.Failures)}",
        _ => e.Message,
    };

    private static string SectionOf(Type optionsType) =>
        optionsType.GetField("Section")?.GetValue(null) as string ?? optionsType.Name;
}
