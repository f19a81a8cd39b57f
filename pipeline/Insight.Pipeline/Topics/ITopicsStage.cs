namespace Insight.Pipeline.Topics;

/// <summary>
/// Stage 3: clusters the contacts the classifier left <c>unclassified</c> into candidate root causes, keeps
/// each candidate's id while it persists from run to run (<c>lake/emerging-topics</c>), and writes
/// <c>out/emerging-topics.csv</c>.
/// </summary>
public interface ITopicsStage
{
    /// <param name="asOf">The run's as-of date; the current period ends on it.</param>
    /// <param name="outputFolder">Where <c>emerging-topics.csv</c> goes.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    Task<TopicsReport> RunAsync(DateTime asOf, string outputFolder, CancellationToken cancellationToken);
}
