using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Insight.Models.Churn;

/// <summary>Trains the binary churn classifier (FastTree or LightGBM trees, see <see cref="ChurnLearner"/>), whose probabilities are calibrated.</summary>
public sealed class ChurnTrainer
{
    private readonly ChurnTrainerOptions _options;

    public ChurnTrainer(ChurnTrainerOptions? options = null) => _options = options ?? new ChurnTrainerOptions();

    public ChurnModel Train(IReadOnlyList<CustomerFeatures> rows, IReadOnlyList<string> featureNames)
    {
        if (rows.Count == 0 || rows.All(r => r.Label) || rows.All(r => !r.Label))
        {
            throw new InvalidOperationException($"Churn training needs both churners and stayers; got {rows.Count} rows with {rows.Count(r => r.Label)} churners.");
        }

        var ml = new MLContext(_options.Seed);
        var data = ChurnModel.Load(ml, rows, featureNames.Count);
        return _options.Learner switch
        {
            ChurnLearner.LightGbm => ChurnModel.Of(ml, ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = nameof(CustomerFeatures.Label),
                FeatureColumnName = nameof(CustomerFeatures.Features),
                NumberOfIterations = _options.Trees,
                NumberOfLeaves = _options.Leaves,
                MinimumExampleCountPerLeaf = _options.MinimumExamplesPerLeaf,
                LearningRate = _options.LearningRate,
                Seed = _options.Seed,
                NumberOfThreads = Environment.ProcessorCount,
                // No validation set: nothing to report per iteration.
                EvaluationMetric = LightGbmBinaryTrainer.Options.EvaluateMetricType.None,
                Silent = true,
            }).Fit(data), featureNames),
            _ => ChurnModel.Of(ml, ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = nameof(CustomerFeatures.Label),
                FeatureColumnName = nameof(CustomerFeatures.Features),
                NumberOfTrees = _options.Trees,
                NumberOfLeaves = _options.Leaves,
                MinimumExampleCountPerLeaf = _options.MinimumExamplesPerLeaf,
                LearningRate = _options.LearningRate,
                // One thread: the same data and seed give the same trees.
                NumberOfThreads = 1,
            }).Fit(data), featureNames),
        };
    }
}
