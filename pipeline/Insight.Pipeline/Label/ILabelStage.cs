namespace Insight.Pipeline.Label;

/// <summary>
/// Stage 2: trains the root-cause classifier on the contacts that carry a disposition (or on seed-phrase
/// weak labels when too few do), labels every contact, and writes <c>lake/labeled-contacts</c>.
/// </summary>
public interface ILabelStage
{
    /// <param name="modelPath">Where the trained classifier is saved.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    Task<LabelReport> RunAsync(string modelPath, CancellationToken cancellationToken);
}
