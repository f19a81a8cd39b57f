using System.Text.Json;
using System.Text.Json.Serialization;
using Insight.Models.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Insight.Models.Text;

/// <summary>
/// A trained root-cause classifier: batch prediction with a calibrated confidence, the abstention
/// threshold, evaluation, save and load.
/// </summary>
public sealed class RootCauseClassifier
{
    internal const string LabelKey = "LabelKey";
    internal const string Features = "Features";
    private const string Score = "Score";

    private static readonly JsonSerializerOptions SidecarJson = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly string[] _labels;
    private readonly int _maxTextLength;

    internal RootCauseClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema, int maxTextLength, ConfidenceCalibration calibration)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        _maxTextLength = maxTextLength;
        Calibration = calibration;
        var outputSchema = model.GetOutputSchema(inputSchema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        outputSchema[Score].GetSlotNames(ref names);
        _labels = names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>The root-cause ids the model knows, in score order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>How the top probability becomes a confidence, and the threshold below which to abstain.</summary>
    public ConfidenceCalibration Calibration { get; }

    /// <summary>Whether a prediction is kept rather than left unclassified (see <see cref="ConfidenceCalibration.Accepts"/>).</summary>
    public bool Accepts(RootCausePrediction prediction) => Calibration.Accepts(prediction.Probability, prediction.Confidence);

    /// <summary>The same model with another calibration.</summary>
    public RootCauseClassifier WithCalibration(ConfidenceCalibration calibration) => new(_ml, _model, _inputSchema, _maxTextLength, calibration);

    /// <summary>Predicts a batch of texts with one streamed pass of the model over them.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="parallel">Whether ML.NET may split the rows over worker threads of its own; false when the caller
    /// already runs one batch per core, where those threads would only add hand-offs (see <see cref="ModelCursors"/>).</param>
    public IReadOnlyList<RootCausePrediction> Predict(IEnumerable<string> texts, bool parallel = true)
    {
        var data = _ml.Data.LoadFromEnumerable(texts.Select(t => new ContactText { Text = Prepare(t, _maxTextLength) }));
        var scored = _model.Transform(data);
        var predictions = new List<RootCausePrediction>();
        using var cursor = ModelCursors.Open(scored, [scored.Schema[Score]], parallel);
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

            float probability = Math.Clamp(bestScore, 0f, 1f);
            predictions.Add(new RootCausePrediction(_labels[best], Calibration.Apply(probability), probability));
        }

        return predictions;
    }

    /// <summary>Accuracy of the predictions against labelled examples.</summary>
    public ClassificationReport Evaluate(IReadOnlyList<ContactText> examples)
    {
        var predictions = Predict(examples.Select(e => e.Text));
        return ClassificationReport.From(examples.Select(e => e.Label).ToList(), predictions.Select(p => p.RootCause).ToList());
    }

    /// <summary>Saves the ML.NET model (with its input schema) to <paramref name="path"/> and the calibration beside it.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _ml.Model.Save(_model, _inputSchema, path);
        File.WriteAllText(SidecarPath(path), JsonSerializer.Serialize(new Sidecar(_maxTextLength, Calibration), SidecarJson));
    }

    public static RootCauseClassifier Load(string path, int seed = 1)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(path, out var schema);
        string sidecarPath = SidecarPath(path);
        var sidecar = File.Exists(sidecarPath)
            ? JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(sidecarPath), SidecarJson) ?? throw new InvalidDataException($"'{sidecarPath}' is empty.")
            : throw new FileNotFoundException($"The calibration of model '{path}' is missing: expected '{sidecarPath}' beside it.", sidecarPath);
        return new RootCauseClassifier(ml, model, schema, sidecar.MaxTextLength, sidecar.Calibration);
    }

    /// <summary>What the model reads of a text: its start, up to <paramref name="maxLength"/> characters.</summary>
    internal static string Prepare(string text, int maxLength) => text.Length <= maxLength ? text : text[..maxLength];

    /// <summary><c>root-causes.zip</c> → <c>root-causes.calibration.json</c>.</summary>
    private static string SidecarPath(string modelPath) => Path.ChangeExtension(modelPath, ".calibration.json");

    private sealed record Sidecar(int MaxTextLength, ConfidenceCalibration Calibration);
}
