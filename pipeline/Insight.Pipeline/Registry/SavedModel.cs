namespace Insight.Pipeline.Registry;

/// <summary>A saved model a stage predicts with, and the version it records in every row it writes.</summary>
/// <param name="Path">The model file.</param>
/// <param name="Version">Its registry version (<c>v3</c>), or a name for a model outside the registry.</param>
public sealed record SavedModel(string Path, string Version)
{
    /// <summary>The version recorded for a model trained outside the registry (benchmarks, evaluations).</summary>
    public const string Unregistered = "unregistered";
}
