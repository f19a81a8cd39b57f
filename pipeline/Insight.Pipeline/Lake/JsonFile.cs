using System.Text.Json;

namespace Insight.Pipeline.Lake;

/// <summary>
/// A small JSON file of state (the ingest manifest, a run's context and reports, the alerts' memory):
/// read whole, and replaced atomically — written under a temporary name of its own, flushed to disk and
/// renamed — so neither a reader nor a crash ever sees half of one, and two writers never share a temp file.
/// </summary>
public static class JsonFile
{
    /// <summary>The file's value, or null when there is no file.</summary>
    public static T? Read<T>(string path, JsonSerializerOptions options) =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), options) : default;

    public static void Write<T>(string path, T value, JsonSerializerOptions options)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, value, options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
