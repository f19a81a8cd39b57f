using System.Text.Json;
using System.Text.Json.Nodes;
using Insight.Host.Notebooks;
using Insight.Pipeline.Registry;

namespace Insight.Host.Tests.Notebooks;

/// <summary>Every notebook in notebooks/ runs through the headless runner against a small generated world, so none can rot unnoticed.</summary>
public sealed class NotebooksTests
{
    private static readonly string Folder = Path.Combine(TestWorkspace.RepoRoot, "notebooks");

    [Fact]
    public void TheNotebooksAreThere_InTheDotNetInteractiveFormat_WithAParametersCell()
    {
        var names = Directory.GetFiles(Folder, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        names.Should().Contain(["01-explore-contacts", "02-retrain-root-causes", "03-retrain-churn", "04-what-drives-churn"]);
        foreach (string path in Directory.GetFiles(Folder, "*.ipynb"))
        {
            var notebook = JsonNode.Parse(File.ReadAllText(path))!;
            notebook["nbformat"]!.GetValue<int>().Should().Be(4);
            notebook["metadata"]!["kernelspec"]!["name"]!.GetValue<string>().Should().Be(Notebook.Kernel);
            var code = notebook["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToList();
            code.Should().OnlyContain(c => c!["metadata"]!["dotnet_interactive"]!["language"]!.GetValue<string>() == "csharp", path);
            code.Should().ContainSingle(c => Notebook.HasTag(c!, Notebook.ParametersTag), path);
            code.Should().NotContain(c => Notebook.HasTag(c!, Notebook.InjectedParametersTag), $"{path} is committed without a run's parameters");
        }
    }

    [Fact]
    public async Task EveryNotebook_RunsWithoutAnError_OnASmallGeneratedWorld_AndTheRetrainingOnesSaveChallengers()
    {
        using var workspace = new TestWorkspace(customers: 500);
        string executed = Path.Combine(workspace.Root, "executed");
        var parameters = new Dictionary<string, string> { ["workspace"] = workspace.Root, ["configFile"] = Path.GetFileName(workspace.ConfigFile) };
        var runner = new NotebookRunner();

        foreach (string path in Directory.GetFiles(Folder, "*.ipynb").Order(StringComparer.Ordinal))
        {
            // The first notebook finds no run in the workspace and runs the pipeline (on the demo world it generates).
            var run = await runner.RunAsync(path, parameters, Path.Combine(executed, Path.GetFileName(path)));

            var cells = JsonNode.Parse(File.ReadAllText(run.OutputPath))!["cells"]!.AsArray().Where(c => Notebook.IsCode(c!)).ToList();
            cells.Should().OnlyContain(c => c!["execution_count"] != null, path);
            var outputs = cells.SelectMany(c => c!["outputs"]!.AsArray()).ToList();
            outputs.Should().NotContain(o => o!["output_type"]!.GetValue<string>() == "error", path);
            outputs.Should().Contain(o => o!["data"] != null && o["data"]!["image/png"] != null, $"{path} draws a chart");
            outputs.Should().Contain(o => o!["data"] != null && o["data"]!["text/html"] != null, $"{path} shows a table");
        }

        File.Exists(Path.Combine(workspace.OutputFolder, "run-summary.json")).Should().BeTrue();
        var registry = workspace.Registry();
        // The run trained v1 of each; the notebooks trained challengers with other settings: new versions, each decided.
        registry.Versions(ModelRegistry.RootCauses).Select(v => v.Version).Should().Contain("v2");
        ((JsonElement)registry.Get(ModelRegistry.RootCauses, "v2").Card.Trainer["text"]).GetProperty("word_ngrams").GetInt32().Should().Be(3);
        registry.Decisions(ModelRegistry.RootCauses)[^1].Challenger.Should().Be("v2");
        registry.Get(ModelRegistry.Churn, "v2").Card.Trainer["trees"].ToString().Should().Be("200");
        registry.Decisions(ModelRegistry.Churn)[^1].Challenger.Should().Be("v2");
    }
}
