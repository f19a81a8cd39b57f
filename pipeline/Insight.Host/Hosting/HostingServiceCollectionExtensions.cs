using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Insight.Host.Jobs;
using Insight.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Insight.Host.Hosting;

/// <summary>Wires the host: the pipeline, Hangfire with its storage, and the job classes.</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the pipeline and an in-process Hangfire server: on PostgreSQL when
    /// <c>Hangfire:ConnectionString</c> is set, else on in-memory storage of its own.
    /// </summary>
    public static IServiceCollection AddInsightHost(this IServiceCollection services)
    {
        services.AddInsightPipeline();
        services.AddValidatedHangfireOptions();

        // Storage and activator are registered before AddHangfire, whose TryAdd calls then keep them (as
        // they keep a storage a test or a tool registered first). Every host gets its own storage rather
        // than the static JobStorage.Current, and jobs are created in a DI scope of their own.
        // Hangfire logs through a static provider, which resolving its configuration points at this host's
        // loggers; HangfireLogReset (created after them, so disposed before them) points it back at the
        // default when the host is disposed, so no later storage asks a disposed logger factory.
        services.TryAddSingleton<HangfireLogReset>();
        services.TryAddSingleton<JobStorage>(sp =>
        {
            _ = sp.GetRequiredService<IGlobalConfiguration>();
            _ = sp.GetRequiredService<HangfireLogReset>();
            return CreateStorage(sp.GetRequiredService<IOptions<HangfireOptions>>().Value);
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, options) =>
        {
            var hangfire = sp.GetRequiredService<IOptions<HangfireOptions>>().Value;
            options.WorkerCount = hangfire.WorkerCount;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.ShutdownTimeout = TimeSpan.FromSeconds(hangfire.ShutdownTimeoutSeconds);
            options.ServerName = string.IsNullOrWhiteSpace(hangfire.ServerName) ? $"insight-{Environment.MachineName}-{Environment.ProcessId}" : hangfire.ServerName;
        });
        // The host waits for the server to finish or release its running job.
        services.AddOptions<Microsoft.Extensions.Hosting.HostOptions>()
            .Configure<IOptions<HangfireOptions>>((host, hangfire) => host.ShutdownTimeout = TimeSpan.FromSeconds(hangfire.Value.ShutdownTimeoutSeconds + 15));

        services.AddTransient<IngestJob>();
        services.AddTransient<LabelJob>();
        services.AddTransient<TopicsJob>();
        services.AddTransient<ResolveJob>();
        services.AddTransient<TrainJob>();
        services.AddTransient<ChurnJob>();
        services.AddTransient<RankJob>();
        services.AddTransient<AlertsJob>();
        services.AddTransient<SummarizeJob>();
        services.AddSingleton<JobLocks>();
        services.AddTransient<ShardJob>();
        services.AddTransient<ShardedStage>();
        services.AddTransient<RunChain>();
        services.AddTransient<IngestCycleJob>();
        services.AddTransient<ScheduledRunJob>();
        return services;
    }

    /// <summary>The storage the options name; PostgreSQL's schema is created on first use.</summary>
    public static JobStorage CreateStorage(HangfireOptions options)
    {
        if (!options.UsesPostgres)
        {
            return new InMemoryStorage(new InMemoryStorageOptions());
        }

        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.Schema,
            PrepareSchemaIfNecessary = true,
            // A running job keeps its fetch alive; one whose server died is taken over after the timeout.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds),
            QueuePollInterval = TimeSpan.FromSeconds(1),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(options.ConnectionString, storageOptions, null), storageOptions);
    }

    private static void AddValidatedHangfireOptions(this IServiceCollection services) =>
        services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Shards == 1 || o.WorkerCount >= 2, "Hangfire:Shards above 1 needs Hangfire:WorkerCount of at least 2: the stage job waits for its shards while other workers run them.")
            .ValidateOnStart();

    /// <summary>Disposed with the host: Hangfire's static logging no longer points at the host's disposed loggers.</summary>
    internal sealed class HangfireLogReset : IDisposable
    {
        public void Dispose() => Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
    }
}
