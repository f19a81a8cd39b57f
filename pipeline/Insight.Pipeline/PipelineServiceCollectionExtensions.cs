using Insight.Pipeline.Alerts;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Evaluate;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Report;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Insight.Pipeline.Topics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace Insight.Pipeline;

/// <summary>Registers the pipeline's stages and their options.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>Adds every stage, the lake and the runner; options bind to the configuration section
    /// named after them and are validated at start-up.</summary>
    public static IServiceCollection AddInsightPipeline(this IServiceCollection services)
    {
        services.AddValidatedOptions<LakeOptions>(LakeOptions.Section);
        services.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddValidatedOptions<LabelOptions>(LabelOptions.Section);
        services.AddValidatedOptions<TopicsOptions>(TopicsOptions.Section);
        services.AddValidatedOptions<ResolutionOptions>(ResolutionOptions.Section);
        services.AddValidatedOptions<ChurnOptions>(ChurnOptions.Section);
        services.AddValidatedOptions<RankingOptions>(RankingOptions.Section);
        services.AddValidatedOptions<RunOptions>(RunOptions.Section);
        services.AddValidatedOptions<TaxonomyOptions>(TaxonomyOptions.Section);
        services.AddValidatedOptions<DemoOptions>(DemoOptions.Section);
        services.AddValidatedOptions<AlertOptions>(AlertOptions.Section);
        services.AddValidatedOptions<RegistryOptions>(RegistryOptions.Section);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => RootCauseTaxonomy.Load(sp.GetRequiredService<IOptions<TaxonomyOptions>>().Value.Resolve()));
        services.AddSingleton<ParquetLake>();
        services.AddSingleton<RunLog>();
        services.AddSingleton<ModelRegistry>();
        services.AddTransient<Champions>();
        services.AddSingleton<TruthEvaluator>();
        services.AddSingleton<ReportWriter>();
        services.AddTransient<IIngestStage, IngestStage>();
        services.AddTransient<ILabelStage, LabelStage>();
        services.AddTransient<ITopicsStage, TopicsStage>();
        services.AddTransient<IResolveStage, ResolveStage>();
        services.AddTransient<IChurnStage, ChurnStage>();
        services.AddTransient<IRankStage, RankStage>();
        services.AddTransient<DriftMonitor>();
        services.AddTransient<AlertsStage>();
        services.AddTransient<PipelineRunner>();
        services.AddAlertsWebhook();
        return services;
    }

    /// <summary>
    /// The HTTP client alerts are POSTed with: retried with exponential back-off within a run
    /// (<c>Alerts:WebhookAttempts</c>), and from the alert log on the next run.
    /// </summary>
    public static IServiceCollection AddAlertsWebhook(this IServiceCollection services)
    {
        services.AddHttpClient(AlertsStage.WebhookClient, client => client.Timeout = TimeSpan.FromSeconds(30))
            .AddResilienceHandler("alerts-webhook-retry", (pipeline, context) =>
            {
                var alerts = context.ServiceProvider.GetRequiredService<IOptions<AlertOptions>>().Value;
                pipeline.AddRetry(new Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(alerts.WebhookAttempts - 1, 0),
                    Delay = TimeSpan.FromMilliseconds(alerts.WebhookRetryDelayMilliseconds),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = false,
                });
            });
        return services;
    }

    private static void AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }
}
