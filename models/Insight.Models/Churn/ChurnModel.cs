using Insight.Models.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Insight.Models.Churn;

/// <summary>A trained churn model (FastTree or LightGBM trees, Platt-calibrated): batch scoring with per-customer reasons, evaluation, save and load.</summary>
public sealed class ChurnModel
{
    private const string FeatureContributions = "FeatureContributions";

    /// <summary>Fewest rows a thread scores when scoring is split over the cores.</summary>
    private const int MinimumRowsPerPart = 10_000;

    /// <summary>Fewest rows a thread explains when explaining is split over the cores.</summary>
    private const int MinimumExplainedPerPart = 1_000;

    private readonly MLContext _ml;
    private readonly ISingleFeaturePredictionTransformer<object> _model;

    /// <summary>Adds every feature's positive contribution to scored rows; made once, used by every batch.</summary>
    private readonly Lazy<ITransformer> _contributions;

    private ChurnModel(MLContext ml, ISingleFeaturePredictionTransformer<object> model, Func<ITransformer> contributions, IReadOnlyList<string> featureNames)
    {
        _ml = ml;
        _model = model;
        FeatureNames = featureNames;
        _contributions = new Lazy<ITransformer>(contributions);
    }

    /// <summary>A churn model of calibrated trees that can tell each feature's contribution to a score.</summary>
    /// <typeparam name="TTrees">FastTree's or LightGBM's model parameters.</typeparam>
    /// <param name="ml">The context the model was trained or loaded in.</param>
    /// <param name="model">The trained or loaded model.</param>
    /// <param name="featureNames">The names of the features, in the order of the feature vector.</param>
    internal static ChurnModel Of<TTrees>(MLContext ml, BinaryPredictionTransformer<CalibratedModelParametersBase<TTrees, PlattCalibrator>> model, IReadOnlyList<string> featureNames)
        where TTrees : class, ICalculateFeatureContribution =>
        new(ml, model, () => ml.Transforms
            .CalculateFeatureContribution(model, numberOfPositiveContributions: featureNames.Count, numberOfNegativeContributions: 0, normalize: false)
            .Fit(model.Transform(Load(ml, [], featureNames.Count))), featureNames);

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>
    /// Scores customers. Those for which <paramref name="explain"/> (given the row and its probability) is
    /// true, every one when it is null, also get their largest positive contributions (<paramref name="reasons"/>
    /// at most); computing contributions costs more than scoring, so customers no one will act on need not be explained.
    /// </summary>
    public IReadOnlyList<ChurnPrediction> Score(IReadOnlyList<CustomerFeatures> rows, int reasons = 3, Func<CustomerFeatures, float, bool>? explain = null)
    {
        var probabilities = Probabilities(rows);
        // No reasons asked for: no one is explained (contributions cost several times the score).
        var explained = reasons <= 0
            ? []
            : Enumerable.Range(0, rows.Count).Where(i => explain?.Invoke(rows[i], probabilities[i]) ?? true).ToList();
        var contributions = PerCore([.. explained.Select(i => rows[i])], MinimumExplainedPerPart, part => Contributions(part, reasons));
        var predictions = rows.Select((r, i) => new ChurnPrediction(r.CustomerId, probabilities[i], [])).ToArray();
        for (int k = 0; k < explained.Count; k++)
        {
            predictions[explained[k]] = predictions[explained[k]] with { TopContributions = contributions[k] };
        }

        return predictions;
    }

    /// <summary>
    /// Each row's probability. A hundred small trees score a row in a microsecond or two, far less than ML.NET's
    /// hand-offs cost when it splits the rows over worker threads (measured: most of scoring's time was the caller
    /// waiting on them), so each part of the rows is read on one thread (see <see cref="PerCore{T}"/>).
    /// </summary>
    /// <param name="rows">The rows to score.</param>
    private float[] Probabilities(IReadOnlyList<CustomerFeatures> rows) =>
        [.. PerCore(rows, MinimumRowsPerPart, part =>
        {
            var scored = _model.Transform(Load(_ml, part, FeatureNames.Count));
            var column = scored.Schema[nameof(ChurnOutput.Probability)];
            using var cursor = ModelCursors.Open(scored, [column], parallel: false);
            var getProbability = cursor.GetGetter<float>(column);
            var probabilities = new float[part.Count];
            for (int i = 0; cursor.MoveNext(); i++)
            {
                getProbability(ref probabilities[i]);
            }

            return probabilities;
        })];

    /// <summary>
    /// <paramref name="compute"/> over one consecutive part of <paramref name="rows"/> per core (fewer parts when
    /// a part would have under <paramref name="minimumPart"/> rows), each part on its own thread, the results
    /// joined in row order. Every row's result depends on that row alone, so the split changes nothing.
    /// </summary>
    /// <param name="rows">The rows.</param>
    /// <param name="minimumPart">Fewest rows worth a thread.</param>
    /// <param name="compute">One result per row of a part, in the part's order.</param>
    private static List<T> PerCore<T>(IReadOnlyList<CustomerFeatures> rows, int minimumPart, Func<IReadOnlyList<CustomerFeatures>, IReadOnlyList<T>> compute)
    {
        int parts = Math.Clamp(rows.Count / minimumPart, 1, Environment.ProcessorCount);
        int size = (rows.Count + parts - 1) / parts;
        var results = new IReadOnlyList<T>[parts];
        Parallel.For(0, parts, part => results[part] = compute([.. rows.Skip(part * size).Take(size)]));
        return [.. results.SelectMany(r => r)];
    }

    private List<IReadOnlyList<(int Feature, float Contribution)>> Contributions(IReadOnlyList<CustomerFeatures> rows, int reasons)
    {
        var result = new List<IReadOnlyList<(int Feature, float Contribution)>>(rows.Count);
        if (rows.Count == 0)
        {
            return result;
        }

        var withContributions = _contributions.Value.Transform(_model.Transform(Load(_ml, rows, FeatureNames.Count)));
        var column = withContributions.Schema[FeatureContributions];
        // Parts are explained in parallel already: each on its own thread (ML.NET would split each over workers again).
        using var cursor = ModelCursors.Open(withContributions, [column], parallel: false);
        var getContributions = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> values = default;
        while (cursor.MoveNext())
        {
            getContributions(ref values);
            result.Add(values.DenseValues()
                .Select((c, i) => (Feature: i, Contribution: c))
                .Where(c => c.Contribution > 0)
                .OrderByDescending(c => c.Contribution)
                .ThenBy(c => c.Feature)
                .Take(reasons)
                .ToList());
        }

        return result;
    }

    /// <summary>ROC-AUC, PR-AUC, Brier score and top-decile lift on labelled rows.</summary>
    public BinaryReport Evaluate(IReadOnlyList<CustomerFeatures> rows)
    {
        var metrics = _ml.BinaryClassification.Evaluate(_model.Transform(Load(_ml, rows, FeatureNames.Count)), nameof(CustomerFeatures.Label));
        var probabilities = Probabilities(rows);
        return BinaryReport.From(rows.Select(r => r.Label).ToArray(), probabilities, metrics.AreaUnderRocCurve, metrics.AreaUnderPrecisionRecallCurve);
    }

    /// <summary>
    /// Permutation importance on labelled rows: for each feature, how much ROC-AUC drops when its values
    /// are shuffled across the rows (mean of <paramref name="permutations"/> shuffles), largest first.
    /// </summary>
    public IReadOnlyList<FeatureImportance> Importance(IReadOnlyList<CustomerFeatures> rows, int permutations = 3)
    {
        var statistics = _ml.BinaryClassification.PermutationFeatureImportance(
            _model, Load(_ml, rows, FeatureNames.Count), nameof(CustomerFeatures.Label), useFeatureWeightFilter: false, permutationCount: permutations);
        return statistics
            .Select((s, i) => new FeatureImportance(FeatureNames[i], Math.Round(-s.AreaUnderRocCurve.Mean, 5), Math.Round(s.AreaUnderRocCurve.StandardError, 5)))
            .OrderByDescending(f => f.RocAucDrop)
            .ThenBy(f => f.Feature, StringComparer.Ordinal)
            .ToList();
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _ml.Model.Save(_model, Load(_ml, [], FeatureNames.Count).Schema, path);
        File.WriteAllLines(path + ".features", FeatureNames);
    }

    public static ChurnModel LoadFrom(string path, int seed = 1)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(path, out _);
        var names = File.ReadAllLines(path + ".features");
        return model switch
        {
            BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> fastTree => Of(ml, fastTree, names),
            BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> lightGbm => Of(ml, lightGbm, names),
            _ => throw new InvalidDataException($"{path}: not a churn model; it holds a {model.GetType()}, where FastTree or LightGBM trees with a Platt calibrator were expected."),
        };
    }

    internal static IDataView Load(MLContext ml, IReadOnlyList<CustomerFeatures> rows, int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(CustomerFeatures));
        schema[nameof(CustomerFeatures.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private sealed class ChurnOutput
    {
        public float Probability { get; set; }
    }
}
