using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Insight.Models.Churn;

/// <summary>Trains the FastTree binary churn classifier, whose probabilities are calibrated.</summary>
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
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(CustomerFeatures.Label),
            FeatureColumnName = nameof(CustomerFeatures.Features),
            NumberOfTrees = _options.Trees,
            NumberOfLeaves = _options.Leaves,
            MinimumExampleCountPerLeaf = _options.MinimumExamplesPerLeaf,
            LearningRate = _options.LearningRate,
            // One thread: the same data and seed give the same trees.
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        return new ChurnModel(ml, model, featureNames);
    }
}
