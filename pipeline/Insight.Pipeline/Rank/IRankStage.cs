namespace Insight.Pipeline.Rank;

/// <summary>
/// Stage 6: ranks root causes by impact (contact cost and revenue at risk) into upstream fixes, and
/// customers by value at risk into the at-risk list; writes both to the output folder.
/// </summary>
public interface IRankStage
{
    /// <param name="asOf">End of the ranking period.</param>
    /// <param name="outputFolder">Where the lists are written.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    Task<RankReport> RunAsync(DateTime asOf, string outputFolder, CancellationToken cancellationToken);
}
