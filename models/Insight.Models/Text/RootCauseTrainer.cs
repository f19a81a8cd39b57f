using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace Insight.Models.Text;

/// <summary>
/// Trains the root-cause classifier: text featurisation (word 1-2 grams and character trigrams, capped
/// so the vector stays small) and a maximum-entropy multiclass trainer, whose scores are probabilities.
/// </summary>
public sealed class RootCauseTrainer
{
    private readonly RootCauseTrainerOptions _options;

    public RootCauseTrainer(RootCauseTrainerOptions? options = null) => _options = options ?? new RootCauseTrainerOptions();

    public RootCauseClassifier Train(IEnumerable<ContactText> examples)
    {
        var ml = new MLContext(_options.Seed);
        var data = ml.Data.LoadFromEnumerable(examples);
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = false,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, MaximumNgramsCount = [_options.MaximumWordNgrams] },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false, MaximumNgramsCount = [_options.MaximumCharNgrams] },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey(RootCauseClassifier.LabelKey, nameof(ContactText.Label))
            .Append(ml.Transforms.Text.FeaturizeText(RootCauseClassifier.Features, featurizer, nameof(ContactText.Text)))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                labelColumnName: RootCauseClassifier.LabelKey,
                featureColumnName: RootCauseClassifier.Features,
                maximumNumberOfIterations: _options.Iterations));
        var model = pipeline.Fit(data);
        return new RootCauseClassifier(ml, model, data.Schema);
    }
}
