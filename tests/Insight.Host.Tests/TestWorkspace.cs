using System.Text.Json;

namespace Insight.Host.Tests;

/// <summary>A temp folder holding a config file that points the lake, outputs and demo world into it.</summary>
internal sealed class TestWorkspace : IDisposable
{
    public TestWorkspace(int customers = 1_500, Dictionary<string, object>? extra = null)
    {
        Directory.CreateDirectory(Root);
        var config = new Dictionary<string, object>
        {
            ["Lake"] = new { Folder = Path.Combine(Root, "lake") },
            ["Run"] = new { OutputFolder = OutputFolder },
            ["Demo"] = new { Customers = customers, Days = 400, Seed = 42, Folder = Path.Combine(Root, "demo") },
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

    public string Output(string name) => Path.Combine(OutputFolder, name);

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
}
