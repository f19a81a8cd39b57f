using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;

namespace Insight.Host.Notebooks;

/// <summary>
/// What a cell sees besides its own variables: <c>display(value)</c>, as the .NET Interactive kernel gives
/// it, so a notebook runs the same there and headless.
/// </summary>
public sealed class NotebookGlobals
{
    internal CellOutputs Outputs { get; set; } = new();

    /// <summary>Shows a value below the cell: a chart as an image, rows as a table, anything else as text.</summary>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The name .NET Interactive gives it, so notebooks run in both.")]
    public void display(object? value) => Outputs.Display(NotebookFormatter.Format(value));
}

/// <summary>The outputs of one cell in the order they happened: console text merged into streams, displays between.</summary>
internal sealed class CellOutputs
{
    private readonly List<JsonObject> _outputs = [];
    private StringBuilder? _stream;

    public IReadOnlyList<JsonObject> Items
    {
        get
        {
            Flush();
            return _outputs;
        }
    }

    public void Write(string text) => (_stream ??= new StringBuilder()).Append(text);

    public void Display(JsonObject data)
    {
        Flush();
        _outputs.Add(new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() });
    }

    public void Result(JsonObject data, int executionCount)
    {
        Flush();
        _outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["data"] = data, ["execution_count"] = executionCount, ["metadata"] = new JsonObject() });
    }

    public void Error(string name, string message, IEnumerable<string> traceback)
    {
        Flush();
        _outputs.Add(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = name,
            ["evalue"] = message,
            ["traceback"] = new JsonArray([.. traceback.Select(t => (JsonNode?)t)]),
        });
    }

    private void Flush()
    {
        if (_stream is { Length: > 0 })
        {
            _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = Notebook.Lines(_stream.ToString()) });
        }

        _stream = null;
    }
}

/// <summary>Console output of a cell, into its outputs.</summary>
internal sealed class CellWriter(Func<CellOutputs> outputs) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => outputs().Write(value.ToString());

    public override void Write(string? value)
    {
        if (value is not null)
        {
            outputs().Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count) => outputs().Write(new string(buffer, index, count));
}
