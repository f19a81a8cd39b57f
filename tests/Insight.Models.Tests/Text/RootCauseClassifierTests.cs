using Insight.Models.Text;

namespace Insight.Models.Tests.Text;

public sealed class RootCauseClassifierTests(RootCauseClassifierFixture fixture) : IClassFixture<RootCauseClassifierFixture>
{
    [Fact]
    public void Evaluate_UnseenTexts_AreClassifiedAccurately() =>
        fixture.Classifier.Evaluate(fixture.Test).Accuracy.Should().BeGreaterThan(0.95);

    [Fact]
    public void Predict_Confidence_IsAProbabilityAndLowOnUnrelatedText()
    {
        var predictions = fixture.Classifier.Predict(["I was charged twice for one order", "the weather is nice and the cat is asleep"]);

        predictions[0].Should().Be(predictions[0] with { RootCause = "double-charge" });
        predictions.Should().OnlyContain(p => p.Confidence > 0 && p.Confidence <= 1);
        predictions[1].Confidence.Should().BeLessThan(predictions[0].Confidence);
    }

    [Fact]
    public void Labels_AreTheTrainingLabels() =>
        fixture.Classifier.Labels.Should().BeEquivalentTo(["double-charge", "late-delivery", "login-failure", "mis-pick"]);

    [Fact]
    public void Load_SavedModel_PredictsTheSame()
    {
        string path = Path.Combine(Path.GetTempPath(), "insight-tests", Guid.NewGuid().ToString("N"), "model.zip");
        fixture.Classifier.Save(path);

        var loaded = RootCauseClassifier.Load(path);

        var texts = fixture.Test.Select(t => t.Text).ToList();
        loaded.Predict(texts).Should().Equal(fixture.Classifier.Predict(texts));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Predict_OnTheCallingThread_GivesTheSamePredictions()
    {
        var texts = fixture.Test.Select(t => t.Text).ToList();

        fixture.Classifier.Predict(texts, parallel: false).Should().Equal(fixture.Classifier.Predict(texts));
    }

    [Fact]
    public void Train_SameDataAndSeed_GivesSameModel()
    {
        var again = new RootCauseTrainer(new RootCauseTrainerOptions { Seed = 1 }).Train(fixture.Training);

        var texts = fixture.Test.Select(t => t.Text).ToList();
        again.Predict(texts).Should().Equal(fixture.Classifier.Predict(texts));
    }
}
