using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Insight.Host.Jobs;
using Insight.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Insight.Host.Hosting;

/// <summary>Wires the host: the pipeline, Hangfire with its storage, and the job classes.</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>Adds the pipeline and an in-process Hangfire server on in-memory storage of its own.</summary>
    public static IServiceCollection AddInsightHost(this IServiceCollection services)
    {
        services.AddInsightPipeline();
        services.AddValidatedHangfireOptions();

        // Storage and activator are registered before AddHangfire, whose TryAdd calls then keep them:
        // every host gets its own storage rather than the static JobStorage.Current, and jobs are
        // created in a DI scope of their own.
        services.AddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, options) =>
        {
            var hangfire = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HangfireOptions>>().Value;
            options.WorkerCount = hangfire.WorkerCount;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.ServerName = $"insight-{Environment.MachineName}-{Environment.ProcessId}";
        });

        services.AddTransient<IngestJob>();
        services.AddTransient<LabelJob>();
        services.AddTransient<TopicsJob>();
        services.AddTransient<ResolveJob>();
        services.AddTransient<ChurnJob>();
        services.AddTransient<RankJob>();
        services.AddTransient<SummarizeJob>();
        services.AddTransient<RunChain>();
        return services;
    }

    private static void AddValidatedHangfireOptions(this IServiceCollection services) =>
        services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.Section).ValidateDataAnnotations().ValidateOnStart();
}
