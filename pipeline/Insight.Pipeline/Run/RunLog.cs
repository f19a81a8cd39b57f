using System.Text.Json;
using System.Text.Json.Nodes;
using Insight.Pipeline.Lake;

namespace Insight.Pipeline.Run;

/// <summary>
/// A run's folder in the lake (<c>_runs/{run id}/</c>): its context, each stage's report, and the models
/// it trained. Stages of one run may execute in different jobs and processes; this is what they share.
/// </summary>
public sealed class RunLog(ParquetLake lake)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private const string ContextFile = "context.json";

    /// <summary>In <c>_runs/</c>: how far the lake has been labelled.</summary>
    private const string LabelledFile = "_labelled.json";

    public string FolderOf(string runId) => Path.Combine(lake.Folder, "_runs", runId);

    public string ArtifactPath(string runId, string name) => Path.Combine(FolderOf(runId), name);

    public void WriteContext(RunContext context) => WriteJson(context.RunId, ContextFile, context);

    public RunContext ReadContext(string runId)
    {
        string path = ArtifactPath(runId, ContextFile);
        return JsonFile.Read<RunContext>(path, Json)
            ?? throw new InvalidOperationException($"Run {runId} has no context at '{path}': the ingest stage must run first.");
    }

    public void WriteReport<T>(string runId, string stage, T report, TimeSpan elapsed) =>
        WriteJson(runId, stage + ".json", new StageEntry<T>(stage, Math.Round(elapsed.TotalSeconds, 2), report));

    /// <summary>The stage reports written so far, in stage order, as JSON.</summary>
    public IReadOnlyDictionary<string, JsonNode> ReadReports(string runId) =>
        PipelineStages.Order
            .Select(stage => (stage, path: ArtifactPath(runId, stage + ".json")))
            .Where(s => File.Exists(s.path))
            .ToDictionary(s => s.stage, s => JsonNode.Parse(File.ReadAllText(s.path))!);

    /// <summary>One stage's report of a run; names the stage that must run first when it has not.</summary>
    public T ReadReport<T>(string runId, string stage)
        where T : class =>
        TryReadReport<T>(runId, stage) ?? throw new InvalidOperationException($"Run {runId} has no {stage} report: the {stage} stage must run first.");

    /// <summary>One stage's report of a run, or null when the stage has not written one.</summary>
    public T? TryReadReport<T>(string runId, string stage)
        where T : class =>
        JsonFile.Read<StageEntry<T>>(ArtifactPath(runId, stage + ".json"), Json)?.Report;

    /// <summary>A JSON artefact of the run (e.g. the model versions it pinned), or null when it has not been written.</summary>
    public T? ReadArtifact<T>(string runId, string name) => JsonFile.Read<T>(ArtifactPath(runId, name), Json);

    public void WriteArtifact<T>(string runId, string name, T value) => WriteJson(runId, name, value);

    /// <summary>The ingest manifest version the latest label stage labelled; 0 when none has run.</summary>
    public long ReadLabelledVersion()
    {
        return JsonFile.Read<LabelledState>(ArtifactPath("", LabelledFile), Json)?.ManifestVersion ?? 0;
    }

    public void WriteLabelledVersion(long manifestVersion)
    {
        if (manifestVersion > ReadLabelledVersion())
        {
            WriteJson("", LabelledFile, new LabelledState(manifestVersion));
        }
    }

    private void WriteJson<T>(string runId, string name, T value) => JsonFile.Write(ArtifactPath(runId, name), value, Json);

    private sealed record LabelledState(long ManifestVersion);

    private sealed record StageEntry<T>(string Stage, double ElapsedSeconds, T Report);
}
