using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Insight.Host.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4) in the .NET Interactive format: C# code cells and markdown cells. Read
/// and written as JSON nodes, so metadata this class does not know survives a run.
/// </summary>
public sealed class Notebook
{
    /// <summary>The kernel the .NET Interactive format names for C#.</summary>
    public const string Kernel = ".net-csharp";

    /// <summary>The tag of the cell whose variables <c>--param</c> overrides (papermill's convention).</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag of the cell a run inserts after it with the overrides.</summary>
    public const string InjectedParametersTag = "injected-parameters";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonObject _root;

    private Notebook(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The cells, in order.</summary>
    public JsonArray Cells => (JsonArray)_root["cells"]!;

    /// <summary>Reads a notebook; a file that is not a C# notebook in the nbformat 4 layout is an error naming it.</summary>
    public static Notebook Read(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Notebook '{full}' does not exist.", full);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(full));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Notebook '{full}' is not JSON: {e.Message}", e);
        }

        if (node is not JsonObject root || root["cells"] is not JsonArray || root["nbformat"]?.GetValue<int>() != 4)
        {
            throw new InvalidDataException($"Notebook '{full}' is not an nbformat 4 notebook (it needs \"nbformat\": 4 and a \"cells\" list).");
        }

        string? kernel = root["metadata"]?["kernelspec"]?["name"]?.GetValue<string>();
        string? language = root["metadata"]?["kernelspec"]?["language"]?.GetValue<string>();
        if (kernel != Kernel && !string.Equals(language, "C#", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Notebook '{full}' has kernel '{kernel ?? "none"}'; only C# notebooks (kernelspec '{Kernel}') can be run.");
        }

        return new Notebook(full, root);
    }

    /// <summary>Writes the notebook, atomically, to <paramref name="path"/> (its own file when null).</summary>
    public void Write(string? path = null)
    {
        string target = System.IO.Path.GetFullPath(path ?? Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        string temporary = target + ".tmp";
        File.WriteAllText(temporary, _root.ToJsonString(Json) + "\n");
        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>A cell's source as one string (nbformat keeps it as a list of lines or as one string).</summary>
    public static string SourceOf(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    /// <summary>Whether a cell is a code cell.</summary>
    public static bool IsCode(JsonNode cell) => cell["cell_type"]?.GetValue<string>() == "code";

    /// <summary>Whether a cell carries a tag in its metadata.</summary>
    public static bool HasTag(JsonNode cell, string tag) =>
        cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t?.GetValue<string>() == tag);

    /// <summary>Text as nbformat's list of lines, each but the last ending in a newline.</summary>
    public static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    /// <summary>A new C# code cell in the .NET Interactive format.</summary>
    public static JsonObject CodeCell(string source, params string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (tags.Length > 0)
        {
            metadata["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)t)]);
        }

        return new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = Lines(source),
        };
    }
}
