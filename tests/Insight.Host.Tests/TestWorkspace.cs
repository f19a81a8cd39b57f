using System.Text.Json;
using System.Text.Json.Nodes;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Insight.Host.Tests;

/// <summary>A temp folder holding a config file that points the lake, outputs and demo world into it.</summary>
internal sealed class TestWorkspace : IDisposable
{
    public TestWorkspace(int customers = 1_500, Dictionary<string, object>? extra = null, string? harmlessRootCause = null)
    {
        Directory.CreateDirectory(Root);
        var config = new Dictionary<string, object>
        {
            ["Lake"] = new { Folder = Path.Combine(Root, "lake") },
            ["Run"] = new { OutputFolder = OutputFolder },
            ["Registry"] = new { Folder = RegistryFolder },
            ["Demo"] = new { Customers = customers, Days = 400, Seed = 42, Folder = Path.Combine(Root, "demo"), HarmlessRootCause = harmlessRootCause },
        };
        foreach (var (key, value) in extra ?? [])
        {
            config[key] = value;
        }

        File.WriteAllText(ConfigFile, JsonSerializer.Serialize(config));
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "insight-tests", Guid.NewGuid().ToString("N"));

    public string ConfigFile => Path.Combine(Root, "insight.json");

    public string OutputFolder => Path.Combine(Root, "out");

    public string LakeFolder => Path.Combine(Root, "lake");

    public string RegistryFolder => Path.Combine(Root, "registry");

    public string Output(string name) => Path.Combine(OutputFolder, name);

    /// <summary>The workspace's model registry, read as the CLI reads it.</summary>
    public ModelRegistry Registry() => new(Options.Create(new RegistryOptions { Folder = RegistryFolder }), new FakeTimeProvider());

    /// <summary>The repository root, found from the test's output folder.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>
    /// Writes <c>config/examples/{name}.json</c> into the workspace with its lake and outputs moved here and
    /// its paths made absolute; skips the test when the public data sets are absent.
    /// </summary>
    public string WriteExample(string name)
    {
        string data = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
        Skip.IfNot(Directory.Exists(data), $"the public data sets are not at {data}");
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot, "config", "examples", name + ".json")))!.AsObject();
        config["Lake"]!["Folder"] = LakeFolder;
        config["Run"]!["OutputFolder"] = OutputFolder;
        config["Registry"]!["Folder"] = RegistryFolder;
        foreach (var (_, source) in config["Input"]!.AsObject())
        {
            source!["Path"] = Path.GetFullPath(Path.Combine(RepoRoot, source["Path"]!.GetValue<string>()));
        }

        if (config["Taxonomy"] is JsonObject taxonomy)
        {
            taxonomy["Path"] = Path.GetFullPath(Path.Combine(RepoRoot, taxonomy["Path"]!.GetValue<string>()));
        }

        return Write(name + ".json", config.ToJsonString());
    }

    /// <summary>Every row of <c>lake/churn-scores</c> as JSON, in the table's order.</summary>
    public Task<List<string>> ChurnScoresAsync() => RowsAsync<ChurnScore>(LakeTables.ChurnScores);

    /// <summary>Every row of a lake table as JSON, in the table's order.</summary>
    public async Task<List<string>> RowsAsync<T>(string table)
        where T : class, new()
    {
        var lake = new ParquetLake(Options.Create(new LakeOptions { Folder = LakeFolder }));
        return [.. (await lake.ReadAllAsync<T>(table)).Select(row => JsonSerializer.Serialize(row))];
    }

    public string Write(string name, string content)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Insight.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Insight.sln not found above " + AppContext.BaseDirectory);
    }
}
