using Insight.Models.Text;

namespace Insight.Models.Tests.Text;

public sealed class PainPointTaggerTests
{
    private static readonly string[] Tags = ["waited", "repeated", "never-used"];

    private static readonly TextFeatureOptions Features = new() { WordNgrams = 2, CharNgrams = 0, MaximumWordNgrams = 5_000 };

    [Fact]
    public void Load_SavedTagger_PredictsExactlyTheSame_AfterReplacingAnEarlierOne()
    {
        var (texts, labels) = Examples(300);
        var tagger = PainPointTagger.Train(texts, Tags, labels, Features);
        string path = Path.Combine(Path.GetTempPath(), "insight-tests", Guid.NewGuid().ToString("N"), "tagger.zip");
        try
        {
            PainPointTagger.Train(texts.Take(100).ToList(), Tags, labels.Take(100).ToList(), Features).Save(path);
            tagger.Save(path);

            var loaded = PainPointTagger.Load(path);

            loaded.Tags.Should().Equal(Tags);
            loaded.Modelled.Should().Equal("waited", "repeated");
            var unseen = Examples(40, seed: 9).Texts;
            var expected = tagger.Predict(unseen);
            loaded.Predict(unseen).Should().HaveCount(unseen.Count).And.BeEquivalentTo(expected, o => o.WithStrictOrdering());
            expected.Should().Contain(p => p[0] > 0.5f).And.Contain(p => p[0] < 0.5f, "the test texts carry the tag and lack it");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void TrainFolds_PredictFold_IsTheOutOfFoldPrediction()
    {
        var (texts, labels) = Examples(240);
        var folds = texts.Select((_, i) => i % 3).ToList();

        var taggers = PainPointTagger.TrainFolds(texts, Tags, labels, folds, 3, Features);
        var outOfFold = PainPointTagger.PredictOutOfFold(texts, Tags, labels, folds, 3, Features);

        for (int fold = 0; fold < 3; fold++)
        {
            var inFold = Enumerable.Range(0, texts.Count).Where(i => folds[i] == fold).ToList();
            PainPointTagger.PredictFold(taggers[fold], Tags.Length, [.. inFold.Select(i => texts[i])])
                .Should().BeEquivalentTo(inFold.Select(i => outOfFold[i]), o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void TrainFolds_AFoldWithNoTexts_GetsNoTagger_AndPredictsZero()
    {
        var (texts, labels) = Examples(60);

        var taggers = PainPointTagger.TrainFolds(texts, Tags, labels, [.. texts.Select(_ => 1)], 3, Features);

        taggers.Should().HaveCount(3);
        taggers.Should().OnlyContain(t => t == null, "fold 1 has no other folds to learn from, and folds 0 and 2 have nothing to score");
        PainPointTagger.PredictFold(taggers[0], Tags.Length, ["i waited an hour"]).Single().Should().Equal(0f, 0f, 0f);
    }

    /// <summary>Texts where "waited" follows the wording about time on hold, "repeated" about telling the story again.</summary>
    private static (List<string> Texts, List<bool[]> Labels) Examples(int count, int seed = 1)
    {
        var rng = new Random(seed);
        string[] waiting = ["on hold for an hour", "kept waiting forever", "queue took ages"];
        string[] repeating = ["told my story three times", "had to explain again", "repeat everything to each agent"];
        string[] other = ["thanks for the help", "order arrived fine", "please update my address"];
        var texts = new List<string>();
        var labels = new List<bool[]>();
        for (int i = 0; i < count; i++)
        {
            bool waited = rng.Next(3) == 0;
            bool repeated = rng.Next(3) == 0;
            texts.Add($"{other[rng.Next(other.Length)]} {(waited ? waiting[rng.Next(waiting.Length)] : "")} {(repeated ? repeating[rng.Next(repeating.Length)] : "")}");
            labels.Add([waited, repeated, false]);
        }

        return (texts, labels);
    }
}
