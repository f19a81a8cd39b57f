namespace Insight.Pipeline.Resolve;

/// <summary>Stage 4: groups labelled contacts into issues (touches, transfers, agents, FCR) and writes <c>lake/issues</c>.</summary>
public interface IResolveStage
{
    /// <param name="asOf">The run's as-of date: issues opened within the repeat window before it are not judged.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    Task<ResolveReport> RunAsync(DateTime asOf, CancellationToken cancellationToken);
}
