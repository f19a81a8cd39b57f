using Insight.Host.Notebooks;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>
/// <c>insight notebook run</c>: executes notebooks headless (see <see cref="NotebookRunner"/>) and writes
/// them back with their outputs, in place or into another folder.
/// </summary>
public sealed class NotebookCommand(IAnsiConsole console)
{
    /// <param name="files">The notebooks, run one after another in the order given.</param>
    /// <param name="parameters"><c>name=value</c> pairs for the notebooks' parameters cells.</param>
    /// <param name="outputFolder">Where the executed notebooks go (same file names); null to write each in place.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 when every cell of every notebook ran, 1 when a cell failed, 2 when a notebook or a parameter is wrong.</returns>
    public async Task<int> RunAsync(IReadOnlyList<string> files, IReadOnlyList<string> parameters, string? outputFolder, CancellationToken cancellationToken)
    {
        if (!InsightCommandLine.TryParsePairs(parameters, StringComparer.Ordinal, out var values, out string? bad))
        {
            console.MarkupLineInterpolated($"[red]--param '{bad}' is not name=value.[/]");
            return 2;
        }

        var runner = new NotebookRunner();
        foreach (string file in files)
        {
            string? output = outputFolder is null ? null : Path.Combine(outputFolder, Path.GetFileName(file));
            console.MarkupLineInterpolated($"Running [bold]{file}[/]...");
            try
            {
                var run = await runner.RunAsync(file, values, output, (cell, elapsed) => console.MarkupLineInterpolated($"  cell {cell,3} {elapsed.TotalSeconds,7:0.0} s"), cancellationToken);
                console.MarkupLineInterpolated($"  [green]done[/]: {run.CodeCells} code cells in {run.Elapsed.TotalSeconds:0.0} s, written to {run.OutputPath}");
            }
            catch (NotebookCellException e)
            {
                console.MarkupLineInterpolated($"[red]{e.Message}[/]");
                console.MarkupLineInterpolated($"  the error is written into {output ?? e.Notebook}");
                return 1;
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
            {
                console.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return 2;
            }
        }

        return 0;
    }
}
