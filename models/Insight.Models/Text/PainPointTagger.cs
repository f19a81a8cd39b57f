using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Insight.Models.Text;

/// <summary>
/// Multi-label pain-point model: the text features are fitted once and shared, and each tag gets its own
/// calibrated binary classifier (L-BFGS logistic regression) trained on that tag's labels.
/// </summary>
public sealed class PainPointTagger
{
    private const string Features = "Features";
    private const string Probability = "Probability";

    private readonly MLContext _ml;
    private readonly ITransformer _featurizer;
    private readonly DataViewSchema _inputSchema;
    private readonly IReadOnlyDictionary<string, ITransformer> _models;
    private readonly int _maxTextLength;

    private PainPointTagger(MLContext ml, ITransformer featurizer, DataViewSchema inputSchema, IReadOnlyDictionary<string, ITransformer> models, IReadOnlyList<string> tags, int maxTextLength)
    {
        _ml = ml;
        _featurizer = featurizer;
        _inputSchema = inputSchema;
        _models = models;
        Tags = tags;
        _maxTextLength = maxTextLength;
    }

    /// <summary>The tags, in the order of the probabilities <see cref="Predict"/> returns.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Tags that got a model (they had both positive and negative examples); the others score 0.</summary>
    public IEnumerable<string> Modelled => Tags.Where(_models.ContainsKey);

    /// <summary>Trains one classifier per tag.</summary>
    /// <param name="texts">The training texts.</param>
    /// <param name="tags">The tag ids.</param>
    /// <param name="labels">For each text, whether it carries each tag (same order as <paramref name="tags"/>).</param>
    /// <param name="features">How text becomes features.</param>
    /// <param name="maxTextLength">Characters of a text read.</param>
    /// <param name="seed">Seed of the ML context.</param>
    public static PainPointTagger Train(IReadOnlyList<string> texts, IReadOnlyList<string> tags, IReadOnlyList<bool[]> labels, TextFeatureOptions features, int maxTextLength = 4_000, int seed = 1)
    {
        var ml = new MLContext(seed);
        var rows = texts.Select((t, i) => new TaggedText { Text = RootCauseClassifier.Prepare(t, maxTextLength) }).ToList();
        var input = ml.Data.LoadFromEnumerable(rows);
        var featurizer = TextFeaturizer.Build(ml, features, nameof(TaggedText.Text), Features).Fit(input);
        var models = new Dictionary<string, ITransformer>(StringComparer.Ordinal);
        for (int tag = 0; tag < tags.Count; tag++)
        {
            int positives = labels.Count(l => l[tag]);
            if (positives == 0 || positives == labels.Count)
            {
                continue;
            }

            for (int i = 0; i < rows.Count; i++)
            {
                rows[i] = new TaggedText { Text = rows[i].Text, Label = labels[i][tag] };
            }

            var data = CacheOf(ml, featurizer.Transform(ml.Data.LoadFromEnumerable(rows)));
            models[tags[tag]] = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(nameof(TaggedText.Label), Features, l1Regularization: 0f, l2Regularization: 0.01f).Fit(data);
        }

        return new PainPointTagger(ml, featurizer, input.Schema, models, tags, maxTextLength);
    }

    /// <summary>
    /// Out-of-fold probabilities: each text is scored by a tagger trained on the other folds only. With weak
    /// labels (seed phrases) a model scoring its own training texts just repeats their labels; scored out of
    /// fold, a complaint worded without a seed can still come out positive.
    /// </summary>
    /// <param name="texts">The texts, both training and scored.</param>
    /// <param name="tags">The tag ids.</param>
    /// <param name="labels">For each text, whether it carries each tag.</param>
    /// <param name="foldOf">For each text, its fold, 0 to <paramref name="folds"/> - 1.</param>
    /// <param name="folds">Number of folds (at least 2).</param>
    /// <param name="features">How text becomes features.</param>
    /// <param name="maxTextLength">Characters of a text read.</param>
    /// <param name="seed">Seed of the ML context.</param>
    public static IReadOnlyList<float[]> PredictOutOfFold(
        IReadOnlyList<string> texts, IReadOnlyList<string> tags, IReadOnlyList<bool[]> labels, IReadOnlyList<int> foldOf, int folds,
        TextFeatureOptions features, int maxTextLength = 4_000, int seed = 1)
    {
        var taggers = TrainFolds(texts, tags, labels, foldOf, folds, features, maxTextLength, seed);
        var result = new float[texts.Count][];
        for (int fold = 0; fold < folds; fold++)
        {
            var outside = Enumerable.Range(0, texts.Count).Where(i => foldOf[i] == fold).ToList();
            var probabilities = PredictFold(taggers[fold], tags.Count, [.. outside.Select(i => texts[i])]);
            for (int k = 0; k < outside.Count; k++)
            {
                result[outside[k]] = probabilities[k];
            }
        }

        return result;
    }

    /// <summary>
    /// The taggers of <see cref="PredictOutOfFold"/>, one per fold, each trained on the other folds' texts,
    /// to score the texts of its fold later (or elsewhere: they save and load). A fold with no texts, or
    /// whose other folds have none, gets no tagger (null).
    /// </summary>
    public static IReadOnlyList<PainPointTagger?> TrainFolds(
        IReadOnlyList<string> texts, IReadOnlyList<string> tags, IReadOnlyList<bool[]> labels, IReadOnlyList<int> foldOf, int folds,
        TextFeatureOptions features, int maxTextLength = 4_000, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var taggers = new PainPointTagger?[folds];
        for (int fold = 0; fold < folds; fold++)
        {
            var inside = Enumerable.Range(0, texts.Count).Where(i => foldOf[i] != fold).ToList();
            if (inside.Count > 0 && inside.Count < texts.Count)
            {
                taggers[fold] = Train([.. inside.Select(i => texts[i])], tags, [.. inside.Select(i => labels[i])], features, maxTextLength, seed);
            }
        }

        return taggers;
    }

    /// <summary>A fold's probabilities from its tagger; 0 for every tag when the fold has none.</summary>
    /// <param name="tagger">The fold's tagger, or null.</param>
    /// <param name="tagCount">How many tags there are.</param>
    /// <param name="texts">The fold's texts.</param>
    /// <param name="parallel">Whether ML.NET may split the rows over worker threads of its own (see <see cref="Predict"/>).</param>
    public static IReadOnlyList<float[]> PredictFold(PainPointTagger? tagger, int tagCount, IReadOnlyList<string> texts, bool parallel = true) =>
        tagger is null || texts.Count == 0 ? [.. texts.Select(_ => new float[tagCount])] : tagger.Predict(texts, parallel);

    /// <summary>For each text, the probability of each tag (in <see cref="Tags"/> order).</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="parallel">Whether ML.NET may split the rows over worker threads of its own; false when the caller
    /// already runs one batch per core (see <see cref="ModelCursors"/>).</param>
    public IReadOnlyList<float[]> Predict(IReadOnlyList<string> texts, bool parallel = true)
    {
        var result = texts.Select(_ => new float[Tags.Count]).ToList();
        var featurized = _featurizer.Transform(_ml.Data.LoadFromEnumerable(texts.Select(t => new TaggedText { Text = RootCauseClassifier.Prepare(t, _maxTextLength) })));
        var features = Featurize(featurized, parallel);
        for (int tag = 0; tag < Tags.Count; tag++)
        {
            if (!_models.TryGetValue(Tags[tag], out var model))
            {
                continue;
            }

            var scored = model.Transform(features);
            using var cursor = ModelCursors.Open(scored, [scored.Schema[Probability]], parallel: false);
            var getter = cursor.GetGetter<float>(scored.Schema[Probability]);
            float probability = 0;
            int row = 0;
            while (cursor.MoveNext())
            {
                getter(ref probability);
                result[row++][tag] = probability;
            }
        }

        return result;
    }

    /// <summary>
    /// Saves the tagger as one zip: its settings, the fitted featurizer and each tag's model (ML.NET models
    /// with their input schemas), so another process predicts exactly what this one would.
    /// </summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Written aside and renamed over the old file, so a reader never opens half a tagger.
        string temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
            {
                var modelled = Tags.Where(_models.ContainsKey).ToList();
                using (var settings = zip.CreateEntry(SettingsEntry).Open())
                {
                    JsonSerializer.Serialize(settings, new Settings([.. Tags], [.. modelled.Select(IndexOf)], _maxTextLength));
                }

                SaveModel(zip, FeaturizerEntry, _featurizer, _inputSchema);
                var featureSchema = _featurizer.GetOutputSchema(_inputSchema);
                foreach (string tag in modelled)
                {
                    SaveModel(zip, TagEntry(IndexOf(tag)), _models[tag], featureSchema);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Loads a tagger <see cref="Save"/> wrote.</summary>
    public static PainPointTagger Load(string path, int seed = 1)
    {
        var ml = new MLContext(seed);
        using var zip = ZipFile.OpenRead(path);
        Settings settings;
        using (var stream = (zip.GetEntry(SettingsEntry) ?? throw new InvalidDataException($"'{path}' is not a saved pain-point tagger: it has no {SettingsEntry}.")).Open())
        {
            settings = JsonSerializer.Deserialize<Settings>(stream) ?? throw new InvalidDataException($"'{path}': {SettingsEntry} is empty.");
        }

        var featurizer = LoadModel(ml, zip, path, FeaturizerEntry, out var inputSchema);
        var models = settings.Modelled.ToDictionary(t => settings.Tags[t], t => LoadModel(ml, zip, path, TagEntry(t), out _), StringComparer.Ordinal);
        return new PainPointTagger(ml, featurizer, inputSchema, models, settings.Tags, settings.MaxTextLength);
    }

    private const string SettingsEntry = "tagger.json";
    private const string FeaturizerEntry = "featurizer.zip";

    private static string TagEntry(int index) => $"tag-{index:D3}.zip";

    private int IndexOf(string tag) => Tags.ToList().IndexOf(tag);

    private void SaveModel(ZipArchive zip, string entry, ITransformer model, DataViewSchema schema)
    {
        using var stream = zip.CreateEntry(entry, CompressionLevel.NoCompression).Open();
        using var buffer = new MemoryStream();
        _ml.Model.Save(model, schema, buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    private static ITransformer LoadModel(MLContext ml, ZipArchive zip, string path, string entry, out DataViewSchema schema)
    {
        using var stream = (zip.GetEntry(entry) ?? throw new InvalidDataException($"'{path}' is missing {entry}.")).Open();
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        return ml.Model.Load(buffer, out schema);
    }

    private sealed record Settings(string[] Tags, int[] Modelled, int MaxTextLength);

    private static IDataView CacheOf(MLContext ml, IDataView data) => ml.Data.Cache(data);

    /// <summary>
    /// The feature vectors of <paramref name="featurized"/>, computed in one pass and held in memory for every
    /// tag's model to read. ML.NET recomputes a column for each reader, and its cache fills on threads of its
    /// own, which only wait on one another when the caller already runs one batch per core.
    /// </summary>
    private IDataView Featurize(IDataView featurized, bool parallel)
    {
        var column = featurized.Schema[Features];
        var rows = new List<FeatureRow>();
        using (var cursor = ModelCursors.Open(featurized, [column], parallel))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            while (cursor.MoveNext())
            {
                // A fresh buffer per row: the getter reuses the one it is given.
                VBuffer<float> vector = default;
                getter(ref vector);
                rows.Add(new FeatureRow { Features = vector });
            }
        }

        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition[Features].ColumnType = column.Type;
        return _ml.Data.LoadFromEnumerable(rows, definition);
    }

    private sealed class FeatureRow
    {
        public VBuffer<float> Features { get; set; }
    }

    private sealed class TaggedText
    {
        public string Text { get; set; } = "";

        public bool Label { get; set; }
    }
}
