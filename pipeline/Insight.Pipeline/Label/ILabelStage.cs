using Insight.Models.Evaluation;
using Insight.Models.Text;
using Insight.Pipeline.Run;

namespace Insight.Pipeline.Label;

/// <summary>
/// Stage 2: labels every contact with the root-cause classifier it is given (the registry's champion,
/// trained by <see cref="TrainClassifierAsync"/> on the contacts that carry a disposition, or on
/// seed-phrase weak labels when too few do), tags pain points with out-of-fold taggers trained on the
/// run's contacts, scores frustration, and writes <c>lake/labeled-contacts</c> in contact id order. In one
/// pass (<see cref="RunAsync"/>), or in shards: <see cref="TrainAsync"/> once, <see cref="LabelAsync"/> per
/// shard of customers, then <see cref="MergeAsync"/> and <see cref="Report"/>, which make the same table and report.
/// </summary>
public interface ILabelStage
{
    /// <summary>
    /// Trains a root-cause classifier and saves it at <paramref name="modelPath"/>. With <paramref name="holdoutFrom"/>,
    /// the labelled contacts from that day on are held out (when there are at least <paramref name="minHoldout"/>)
    /// and returned, for comparing it with the champion. Null when there are no contacts.
    /// </summary>
    Task<ClassifierTraining?> TrainClassifierAsync(string modelPath, DateTime? holdoutFrom, int minHoldout, CancellationToken cancellationToken);

    /// <summary>A saved classifier's quality on labelled examples.</summary>
    ClassificationReport EvaluateClassifier(string modelPath, IReadOnlyList<ContactText> examples);

    /// <summary>Labels every contact with the classifier (null: there are no contacts) and reports.</summary>
    Task<LabelReport> RunAsync(RootCauseModel? classifier, CancellationToken cancellationToken);

    /// <summary>Sharded: trains the pain-point taggers on every contact and saves them in <paramref name="modelFolder"/> for the shards.</summary>
    Task<LabelTraining> TrainAsync(string modelFolder, RootCauseModel? classifier, CancellationToken cancellationToken);

    /// <summary>Labels the contacts of the shard's customers with the models <paramref name="training"/> saved in <paramref name="modelFolder"/>, into <paramref name="table"/>.</summary>
    Task<LabelScoring> LabelAsync(string modelFolder, LabelTraining training, Shard shard, string table, CancellationToken cancellationToken);

    /// <summary>Merges shard tables, each in contact id order, into <c>lake/labeled-contacts</c>.</summary>
    Task MergeAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken);

    /// <summary>The stage's report from the classifier and every shard's labelling.</summary>
    LabelReport Report(RootCauseModel? classifier, IReadOnlyList<LabelScoring> shards);
}
