namespace Insight.Pipeline.Churn;

/// <summary>
/// Stage 5: builds point-in-time customer features, trains the FastTree churn model on an earlier window,
/// validates it on a later one, scores every customer at the as-of date with reasons and a suggested
/// action, and writes <c>lake/customer-features</c> and <c>lake/churn-scores</c>.
/// </summary>
public interface IChurnStage
{
    /// <param name="asOf">The date scores are for.</param>
    /// <param name="modelPath">Where the trained model is saved.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    Task<ChurnReport> RunAsync(DateTime asOf, string modelPath, CancellationToken cancellationToken);

    /// <summary>Churn probability per customer without and with the contacts from <paramref name="newContactsFrom"/>[customer] on, from a saved model.</summary>
    Task<IReadOnlyList<RiskChange>> ScoreContactEffectAsync(string modelPath, DateTime asOf, IReadOnlyDictionary<string, DateTime> newContactsFrom, CancellationToken cancellationToken);
}
