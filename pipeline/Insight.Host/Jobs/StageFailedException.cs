namespace Insight.Host.Jobs;

/// <summary>A stage job of a run failed.</summary>
public sealed class StageFailedException(string stage, string jobId, string error)
    : Exception($"Stage '{stage}' failed (Hangfire job {jobId}): {error}")
{
    public string Stage { get; } = stage;

    public string Error { get; } = error;
}
