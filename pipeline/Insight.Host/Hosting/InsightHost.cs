using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Insight.Host.Hosting;

/// <summary>Builds the generic host that every verb runs in.</summary>
public static class InsightHost
{
    /// <param name="configuration">The configuration (see <see cref="InsightConfiguration"/>).</param>
    /// <param name="configure">Extra registrations, e.g. a fake <see cref="TimeProvider"/> in tests.</param>
    public static IHost Build(IConfiguration configuration, Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder, configuration, configure);
        return builder.Build();
    }

    /// <summary>What every host of Insight has, the web one of <c>insight serve</c> included: the configuration, logging, the pipeline and Hangfire.</summary>
    public static void Configure(IHostApplicationBuilder builder, IConfiguration configuration, Action<IServiceCollection>? configure)
    {
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        // Logs go to stderr, so stdout carries only what the command prints.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        configure?.Invoke(builder.Services);
        builder.Services.AddInsightHost();
    }
}
