using Insight.Pipeline.Run;

namespace Insight.Pipeline.Label;

/// <summary>
/// Stage 2: trains the root-cause classifier on the contacts that carry a disposition (or on seed-phrase
/// weak labels when too few do) and the pain-point taggers, labels every contact, and writes
/// <c>lake/labeled-contacts</c> in contact id order. In one pass (<see cref="RunAsync"/>), or in shards:
/// <see cref="TrainAsync"/> once, <see cref="LabelAsync"/> per shard of customers, then <see cref="MergeAsync"/>
/// and <see cref="Report"/>, which make the same table and report.
/// </summary>
public interface ILabelStage
{
    /// <summary>Trains, labels every contact and reports.</summary>
    /// <param name="modelFolder">Where the trained models are saved.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    Task<LabelReport> RunAsync(string modelFolder, CancellationToken cancellationToken);

    /// <summary>Trains the models on every contact and saves them in <paramref name="modelFolder"/>.</summary>
    Task<LabelTraining> TrainAsync(string modelFolder, CancellationToken cancellationToken);

    /// <summary>Labels the contacts of the shard's customers with the models <paramref name="training"/> saved in <paramref name="modelFolder"/>, into <paramref name="table"/>.</summary>
    Task<LabelScoring> LabelAsync(string modelFolder, LabelTraining training, Shard shard, string table, CancellationToken cancellationToken);

    /// <summary>Merges shard tables, each in contact id order, into <c>lake/labeled-contacts</c>.</summary>
    Task MergeAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken);

    /// <summary>The stage's report from its training and every shard's labelling.</summary>
    LabelReport Report(LabelTraining training, IReadOnlyList<LabelScoring> shards);
}
