using Microsoft.ML;
using Microsoft.ML.Data;

namespace Insight.Models.Text;

/// <summary>
/// Groups texts into topics: TF-IDF word 1-2 grams without stop words, ML.NET k-means, and for each
/// cluster the terms that set it apart (its mean weight minus the mean weight over all texts).
/// </summary>
public static class TopicClusterer
{
    private const string Features = "Features";
    private const string PredictedCluster = "PredictedLabel";
    private const string Score = "Score";

    /// <summary>Clusters <paramref name="texts"/> into at most <paramref name="clusters"/> topics.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="clusters">Number of k-means clusters (fewer when there are fewer distinct texts).</param>
    /// <param name="topTerms">Terms kept per topic.</param>
    /// <param name="seed">Seed of k-means' initialisation.</param>
    public static TopicClustering Cluster(IReadOnlyList<string> texts, int clusters, int topTerms = 8, int seed = 1)
    {
        if (texts.Count == 0)
        {
            return new TopicClustering([], [], []);
        }

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => new TopicText { Text = RootCauseClassifier.Prepare(t, 4_000) }));
        var featureOptions = new TextFeatureOptions { WordNgrams = 2, CharNgrams = 0, MaximumWordNgrams = 20_000, RemoveStopWords = true };
        var featurized = ml.Data.Cache(TextFeaturizer.Build(ml, featureOptions, nameof(TopicText.Text), Features).Fit(data).Transform(data));
        int k = Math.Max(1, Math.Min(clusters, texts.Distinct(StringComparer.Ordinal).Count()));
        var model = ml.Clustering.Trainers.KMeans(Features, numberOfClusters: k).Fit(featurized);
        var scored = model.Transform(featurized);

        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        featurized.Schema[Features].GetSlotNames(ref slotNames);
        var terms = slotNames.DenseValues().Select(n => n.ToString().Replace('|', ' ')).ToArray();

        var assignments = new int[texts.Count];
        var distances = new float[texts.Count];
        var sums = new double[k][];
        var overall = new double[terms.Length];
        for (int c = 0; c < k; c++)
        {
            sums[c] = new double[terms.Length];
        }

        using (var cursor = scored.GetRowCursor([scored.Schema[Features], scored.Schema[PredictedCluster], scored.Schema[Score]]))
        {
            var features = cursor.GetGetter<VBuffer<float>>(scored.Schema[Features]);
            var cluster = cursor.GetGetter<uint>(scored.Schema[PredictedCluster]);
            var score = cursor.GetGetter<VBuffer<float>>(scored.Schema[Score]);
            VBuffer<float> vector = default;
            VBuffer<float> scores = default;
            uint label = 0;
            int row = 0;
            while (cursor.MoveNext())
            {
                features(ref vector);
                cluster(ref label);
                score(ref scores);
                int c = (int)label - 1;
                assignments[row] = c;
                distances[row] = scores.GetItemOrDefault(c);
                foreach (var (slot, weight) in vector.Items())
                {
                    sums[c][slot] += weight;
                    overall[slot] += weight;
                }

                row++;
            }
        }

        var topics = Enumerable.Range(0, k)
            .Select(c =>
            {
                int size = assignments.Count(a => a == c);
                var distinctive = size == 0
                    ? []
                    : Enumerable.Range(0, terms.Length)
                        .Select(slot => (Term: terms[slot], Lift: sums[c][slot] / size - overall[slot] / texts.Count))
                        .Where(t => t.Lift > 0)
                        .OrderByDescending(t => t.Lift)
                        .ThenBy(t => t.Term, StringComparer.Ordinal)
                        .Take(topTerms)
                        .Select(t => t.Term)
                        .ToList();
                return new Topic(c, size, distinctive);
            })
            .ToList();
        return new TopicClustering(assignments, distances, topics);
    }

    private sealed class TopicText
    {
        public string Text { get; set; } = "";
    }
}
