using System.Text.Json.Nodes;
using Insight.Host.Cli;
using Insight.Host.Notebooks;

namespace Insight.Host.Tests.Notebooks;

/// <summary>The headless runner on small notebooks: state across cells, outputs written back, failures named by cell, parameters and directives.</summary>
public sealed class NotebookRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "insight-notebook-tests", Guid.NewGuid().ToString("N"));

    public NotebookRunnerTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Cells_RunInOrderWithTheirState_AndTheirOutputsAreWrittenBack_AsText_Tables_AndImages()
    {
        string path = Write(
            Markdown("# A notebook"),
            Code("var rows = Enumerable.Range(1, 3).Select(i => new { Id = i, Half = i / 2.0 }).ToList();\nConsole.WriteLine($\"made {rows.Count} rows in {Path.GetFileName(Environment.CurrentDirectory)}\");"),
            Code("display(rows);\nrows.Sum(r => r.Id)"),
            Code("var plot = new ScottPlot.Plot();\nplot.Add.Bars(rows.Select(r => r.Half).ToArray());\nplot.Title(\"halves\");\nplot"),
            Code("int quiet = 1;"));
        var directory = Environment.CurrentDirectory;

        var run = await new NotebookRunner().RunAsync(path);

        run.CodeCells.Should().Be(4);
        Environment.CurrentDirectory.Should().Be(directory, "the working directory is the notebook's only while it runs");
        var cells = Cells(path);
        cells[1]["execution_count"]!.GetValue<int>().Should().Be(1);
        var stream = cells[1]["outputs"]![0]!;
        stream["output_type"]!.GetValue<string>().Should().Be("stream");
        string.Concat(stream["text"]!.AsArray().Select(l => l!.GetValue<string>())).Should().Be($"made 3 rows in {Path.GetFileName(_folder)}\n");

        var table = cells[2]["outputs"]![0]!;
        table["output_type"]!.GetValue<string>().Should().Be("display_data");
        table["data"]!["text/html"]!.GetValue<string>().Should().Contain("<th>Id</th><th>Half</th>").And.Contain("<td>3</td><td>1.5</td>");
        table["data"]!["text/plain"]!.GetValue<string>().Should().Contain("Id  Half");
        var result = cells[2]["outputs"]![1]!;
        result["output_type"]!.GetValue<string>().Should().Be("execute_result");
        result["data"]!["text/plain"]!.GetValue<string>().Should().Be("6");

        var image = cells[3]["outputs"]![0]!["data"]!;
        Convert.FromBase64String(image["image/png"]!.GetValue<string>()).Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        image["text/plain"]!.GetValue<string>().Should().Be("<chart: halves>");
        cells[4]["outputs"]!.AsArray().Should().BeEmpty("a cell ending in a statement shows nothing");
        cells[0].AsObject().ContainsKey("outputs").Should().BeFalse("markdown cells are left as they are");
    }

    [Fact]
    public async Task ACellThatThrows_StopsTheRun_WithItsNumberAndError_WrittenIntoTheNotebook_AndLaterCellsCleared()
    {
        string path = Write(
            Code("var x = 1;"),
            Markdown("between"),
            Code("Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"the lake is empty\");"),
            Code("Console.WriteLine(\"never\");"));
        // An earlier run's output below the failing cell must not pass for this run's.
        var stale = JsonNode.Parse(File.ReadAllText(path))!;
        stale["cells"]![3]!["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "stale" });
        File.WriteAllText(path, stale.ToJsonString());

        var act = () => new NotebookRunner().RunAsync(path);

        var thrown = (await act.Should().ThrowAsync<NotebookCellException>()).Which;
        thrown.Cell.Should().Be(3);
        thrown.Message.Should().Contain("cell 3").And.Contain("InvalidOperationException: the lake is empty");
        var cells = Cells(path);
        var outputs = cells[2]["outputs"]!.AsArray();
        outputs[0]!["output_type"]!.GetValue<string>().Should().Be("stream");
        outputs[1]!["output_type"]!.GetValue<string>().Should().Be("error");
        outputs[1]!["ename"]!.GetValue<string>().Should().Be("InvalidOperationException");
        outputs[1]!["evalue"]!.GetValue<string>().Should().Be("the lake is empty");
        cells[3]["outputs"]!.AsArray().Should().BeEmpty();
        cells[3]["execution_count"].Should().BeNull();
    }

    [Fact]
    public async Task ACellThatDoesNotCompile_FailsWithTheLineAndCompilerError()
    {
        string path = Write(Code("var a = 1;"), Code("// a comment\nvar b = a +;"));

        var act = () => new NotebookRunner().RunAsync(path);

        var thrown = (await act.Should().ThrowAsync<NotebookCellException>()).Which;
        thrown.Cell.Should().Be(2);
        thrown.Error.Should().StartWith("CompilationError: line 2: CS1525");
    }

    [Fact]
    public async Task Parameters_AreInjectedAfterTheParametersCell_AsTheKindTheyAreDeclared_AndAnUnknownOneIsAnError()
    {
        string path = Write(
            Code("var workspace = \"..\";\nvar days = 90;\nvar verbose = false;", Notebook.ParametersTag),
            Code("Console.Write($\"{workspace}|{days + 1}|{!verbose}\");"));
        string output = Path.Combine(_folder, "executed", "run.ipynb");

        await new NotebookRunner().RunAsync(path, new Dictionary<string, string> { ["workspace"] = "/data/with \"quotes\"", ["days"] = "30", ["verbose"] = "true" }, output);

        var cells = Cells(output);
        cells.Should().HaveCount(3);
        Notebook.HasTag(cells[1], Notebook.InjectedParametersTag).Should().BeTrue();
        string.Concat(cells[2]["outputs"]![0]!["text"]!.AsArray().Select(l => l!.GetValue<string>())).Should().Be("/data/with \"quotes\"|31|False");
        Cells(path).Should().HaveCount(2, "with --out the notebook itself is left as it was");

        // Run again in place: the injected cell of an earlier run is replaced, not stacked.
        await new NotebookRunner().RunAsync(output, new Dictionary<string, string> { ["days"] = "7" });
        Cells(output).Where(c => Notebook.HasTag(c, Notebook.InjectedParametersTag)).Should().ContainSingle();

        var unknown = () => new NotebookRunner().RunAsync(path, new Dictionary<string, string> { ["lake"] = "x" });
        (await unknown.Should().ThrowAsync<InvalidDataException>()).WithMessage("*no parameter 'lake'; its parameters are workspace, days, verbose*");
        var wrongKind = () => new NotebookRunner().RunAsync(path, new Dictionary<string, string> { ["days"] = "ninety" });
        (await wrongKind.Should().ThrowAsync<InvalidDataException>()).WithMessage("*'days' is declared as 90; 'ninety' is not a value of that kind*");
    }

    [Fact]
    public async Task ReferencesToInsightAssemblies_UseTheRunnersOwn_AndDirectivesItCannotHonourAreNamed()
    {
        // A path that does not exist here (another build configuration) still means the assembly the runner has.
        string path = Write(
            Code("#r \"../no-such-build/Insight.Pipeline.dll\"\n#r \"nuget: ScottPlot, 5.1.59\"\n#!csharp\nusing Insight.Pipeline.Registry;\nModelRegistry.Churn"),
            Code("typeof(Insight.Pipeline.Registry.ModelRegistry).Assembly == typeof(Insight.Host.Notebooks.Workbench).Assembly.GetReferencedAssemblies().Select(System.Reflection.Assembly.Load).Single(a => a.GetName().Name == \"Insight.Pipeline\")"));

        await new NotebookRunner().RunAsync(path);

        var cells = Cells(path);
        cells[0]["outputs"]![0]!["data"]!["text/plain"]!.GetValue<string>().Should().Be("churn");
        cells[1]["outputs"]![0]!["data"]!["text/plain"]!.GetValue<string>().Should().Be("True", "the notebook's types are the ones Insight runs with");

        string fsharp = Write(Code("#!fsharp\nlet x = 1"));
        (await ((Func<Task>)(() => new NotebookRunner().RunAsync(fsharp))).Should().ThrowAsync<NotebookCellException>())
            .Which.Error.Should().Contain("#!fsharp needs the .NET Interactive kernel");
        string package = Write(Code("#r \"nuget: No.Such.Package, 1.0.0\"\n1"));
        (await ((Func<Task>)(() => new NotebookRunner().RunAsync(package))).Should().ThrowAsync<NotebookCellException>())
            .Which.Error.Should().Contain("does not restore packages");
        string missing = Write(Code("#r \"lib/Missing.dll\"\n1"));
        (await ((Func<Task>)(() => new NotebookRunner().RunAsync(missing))).Should().ThrowAsync<NotebookCellException>())
            .Which.Error.Should().Contain(Path.Combine(_folder, "lib", "Missing.dll")).And.Contain("does not exist");
    }

    [Fact]
    public async Task AFileThatIsNotACSharpNotebook_IsRefusedWithItsName_AndTheCommandSaysWhichCellFailed()
    {
        string python = Path.Combine(_folder, "python.ipynb");
        File.WriteAllText(python, """{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3", "language": "python"}}, "cells": []}""");
        var act = () => new NotebookRunner().RunAsync(python);
        (await act.Should().ThrowAsync<InvalidDataException>()).WithMessage($"*'{python}' has kernel 'python3'*");

        string failing = Write(Code("1"), Code("throw new Exception(\"boom\");"));
        var console = new TestConsole();
        int exit = await new NotebookCommand(console.Console).RunAsync([failing], ["x"], null, CancellationToken.None);
        exit.Should().Be(2, "a parameter that is not name=value");
        exit = await new NotebookCommand(console.Console).RunAsync([failing], [], Path.Combine(_folder, "out"), CancellationToken.None);
        exit.Should().Be(1);
        console.Output.Should().Contain("cell 2").And.Contain("boom");
        File.Exists(Path.Combine(_folder, "out", Path.GetFileName(failing))).Should().BeTrue("the executed notebook, error included, goes to --out");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JsonObject Markdown(string text) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = Notebook.Lines(text) };

    private static JsonObject Code(string source, params string[] tags) => Notebook.CodeCell(source, tags);

    private string Write(params JsonObject[] cells)
    {
        string path = Path.Combine(_folder, $"nb-{Guid.NewGuid():N}.ipynb");
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray([.. cells]),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = Notebook.Kernel } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    private static List<JsonNode> Cells(string path) => [.. JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray().Select(c => c!)];
}
