using Insight.Models.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Insight.Models.Text;

/// <summary>A trained root-cause classifier: batch prediction with confidence, evaluation, save and load.</summary>
public sealed class RootCauseClassifier
{
    internal const string LabelKey = "LabelKey";
    internal const string Features = "Features";
    private const string Score = "Score";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly string[] _labels;

    internal RootCauseClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        var outputSchema = model.GetOutputSchema(inputSchema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        outputSchema[Score].GetSlotNames(ref names);
        _labels = names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>The root-cause ids the model knows, in score order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Predicts a batch of texts with one pass of the model over them.</summary>
    public IReadOnlyList<RootCausePrediction> Predict(IEnumerable<string> texts)
    {
        var data = _ml.Data.LoadFromEnumerable(texts.Select(t => new ContactText { Text = t }));
        var scored = _model.Transform(data);
        var predictions = new List<RootCausePrediction>();
        using var cursor = scored.GetRowCursor([scored.Schema[Score]]);
        var getter = cursor.GetGetter<VBuffer<float>>(scored.Schema[Score]);
        VBuffer<float> scores = default;
        while (cursor.MoveNext())
        {
            getter(ref scores);
            int best = 0;
            float bestScore = float.MinValue;
            int i = 0;
            foreach (float s in scores.DenseValues())
            {
                if (s > bestScore)
                {
                    bestScore = s;
                    best = i;
                }

                i++;
            }

            predictions.Add(new RootCausePrediction(_labels[best], bestScore));
        }

        return predictions;
    }

    /// <summary>Accuracy of the predictions against labelled examples.</summary>
    public ClassificationReport Evaluate(IReadOnlyList<ContactText> examples)
    {
        var predictions = Predict(examples.Select(e => e.Text));
        return ClassificationReport.From(examples.Select(e => e.Label).ToList(), predictions.Select(p => p.RootCause).ToList());
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _ml.Model.Save(_model, _inputSchema, path);
    }

    public static RootCauseClassifier Load(string path, int seed = 1)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(path, out var schema);
        return new RootCauseClassifier(ml, model, schema);
    }
}
