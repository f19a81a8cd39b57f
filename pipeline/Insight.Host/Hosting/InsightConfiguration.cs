using Microsoft.Extensions.Configuration;

namespace Insight.Host.Hosting;

/// <summary>
/// Builds the configuration: the embedded default (<c>config/appsettings.json</c> beside the
/// executable), then an optional <c>--config</c> file, then <c>INSIGHT__Section__Key</c> environment
/// variables, which override everything.
/// </summary>
public static class InsightConfiguration
{
    public const string EnvironmentPrefix = "INSIGHT__";

    /// <summary>
    /// The folder <c>config/</c> ships in: beside Insight's assemblies (the executable's folder, or the build
    /// output a notebook kernel loaded them from).
    /// </summary>
    public static string Folder { get; } = Path.GetDirectoryName(typeof(InsightConfiguration).Assembly.Location) is { Length: > 0 } folder ? folder : AppContext.BaseDirectory;

    public static string DefaultFile => Path.Combine(Folder, "config", "appsettings.json");

    /// <param name="configFile">An extra JSON file, or null.</param>
    /// <param name="overrides">Values that win over every source (e.g. the demo world's paths when no input is configured).</param>
    public static IConfigurationRoot Build(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        builder.AddJsonFile(DefaultFile, optional: false);
        if (configFile is not null)
        {
            string path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Configuration file '{path}' (from --config) does not exist.", path);
            }

            builder.AddJsonFile(path, optional: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }
}
