using System.Text.Json;
using Insight.Pipeline.Run;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Insight.Host.Cli;

/// <summary>What the <c>evaluate</c> verbs share: a temporary folder for their lake, bad data reported as exit code 2, and the JSON report.</summary>
internal static class EvaluationRun
{
    /// <summary>
    /// Runs <paramref name="evaluate"/> with a fresh temporary folder, deleted afterwards. A missing file, bad
    /// data or a wrong mapping is printed as "Cannot evaluate: ..." and gives exit code 2.
    /// </summary>
    public static async Task<int> InTemporaryFolderAsync(IAnsiConsole console, string name, Func<string, Task<int>> evaluate)
    {
        string work = Path.Combine(Path.GetTempPath(), $"insight-{name}-{Guid.NewGuid():N}");
        try
        {
            return await evaluate(work);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or OptionsValidationException)
        {
            console.MarkupLineInterpolated($"[red]Cannot evaluate:[/] {e.Message}");
            return 2;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Writes the report as JSON (the run log's naming) to <paramref name="output"/>.</summary>
    public static async Task WriteReportAsync(string output, object report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(report, RunLog.Json), cancellationToken);
    }
}
