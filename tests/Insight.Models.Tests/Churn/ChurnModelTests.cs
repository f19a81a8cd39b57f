using Microsoft.ML;
using Insight.Models.Churn;

namespace Insight.Models.Tests.Churn;

public sealed class ChurnModelTests
{
    private static readonly string[] Names = ["days_since_last_order", "noise_a", "noise_b"];

    [Theory]
    [InlineData(ChurnLearner.FastTree)]
    [InlineData(ChurnLearner.LightGbm)]
    public void Train_SignalInOneFeature_IsLearnedAndCalibrated(ChurnLearner learner)
    {
        var model = new ChurnTrainer(new ChurnTrainerOptions { Learner = learner, Trees = 50 }).Train(Rows(new Random(1), 2_000), Names);

        var report = model.Evaluate(Rows(new Random(2), 1_000));

        report.RocAuc.Should().BeGreaterThan(0.85);
        report.TopDecileLift.Should().BeGreaterThan(1.5);
        report.Brier.Should().BeLessThan(0.2);
    }

    [Theory]
    [InlineData(ChurnLearner.FastTree)]
    [InlineData(ChurnLearner.LightGbm)]
    public void Score_HighRiskCustomer_HasTheSignalFeatureAsTopReason(ChurnLearner learner)
    {
        var model = new ChurnTrainer(new ChurnTrainerOptions { Learner = learner, Trees = 50 }).Train(Rows(new Random(1), 2_000), Names);

        var prediction = model.Score([new CustomerFeatures { CustomerId = "c1", Features = [0.95f, 0.5f, 0.5f] }]).Single();

        prediction.CustomerId.Should().Be("c1");
        prediction.Probability.Should().BeGreaterThan(0.6f);
        prediction.TopContributions.Should().NotBeEmpty();
        prediction.TopContributions[0].Feature.Should().Be(0);
        prediction.TopContributions.Should().BeInDescendingOrder(c => c.Contribution);
    }

    [Theory]
    [InlineData(ChurnLearner.FastTree)]
    [InlineData(ChurnLearner.LightGbm)]
    public void Score_Explain_ExplainsOnlyThoseChosen_WithTheSameScoresAndReasons(ChurnLearner learner)
    {
        var model = new ChurnTrainer(new ChurnTrainerOptions { Learner = learner, Trees = 50 }).Train(Rows(new Random(1), 2_000), Names);
        var rows = Rows(new Random(4), 3_000);

        var all = model.Score(rows);
        var some = model.Score(rows, explain: (_, p) => p >= 0.5);

        some.Select(p => p.Probability).Should().Equal(all.Select(p => p.Probability));
        some.Where(p => p.Probability < 0.5).Should().NotBeEmpty().And.OnlyContain(p => p.TopContributions.Count == 0);
        var risky = some.Select((p, i) => (p, i)).Where(x => x.p.Probability >= 0.5).ToList();
        risky.Should().NotBeEmpty();
        foreach (var (p, i) in risky)
        {
            p.TopContributions.Should().Equal(all[i].TopContributions);
        }

        // No reasons asked for: no one is asked whether to be explained, and the scores are the same.
        var bare = model.Score(rows, reasons: 0, explain: (_, _) => throw new InvalidOperationException("nobody is explained without reasons"));
        bare.Select(p => p.Probability).Should().Equal(all.Select(p => p.Probability));
        bare.Should().OnlyContain(p => p.TopContributions.Count == 0);
    }
    [Fact]
    public void Score_ManyRows_SplitOverTheCores_GivesEachRowItsOwnScoreInOrder()
    {
        var model = new ChurnTrainer(new ChurnTrainerOptions { Trees = 50 }).Train(Rows(new Random(1), 2_000), Names);
        // Enough rows for one part per core (at least 10,000 each); small batches are scored on one thread.
        var rows = Rows(new Random(5), 30_000);

        var together = model.Score(rows, reasons: 0);
        var alone = rows.Chunk(1_000).SelectMany(batch => model.Score(batch, reasons: 0)).ToList();

        together.Select(p => p.CustomerId).Should().Equal(rows.Select(r => r.CustomerId));
        together.Select(p => p.Probability).Should().Equal(alone.Select(p => p.Probability));
    }


    [Theory]
    [InlineData(ChurnLearner.FastTree)]
    [InlineData(ChurnLearner.LightGbm)]
    public void Train_SameDataAndSeed_GivesSameScores_AndSurvivesSaveAndLoad(ChurnLearner learner)
    {
        var rows = Rows(new Random(1), 1_000);
        var first = new ChurnTrainer(new ChurnTrainerOptions { Learner = learner, Trees = 30 }).Train(rows, Names);
        var second = new ChurnTrainer(new ChurnTrainerOptions { Learner = learner, Trees = 30 }).Train(rows, Names);
        string path = Path.Combine(Path.GetTempPath(), "insight-tests", Guid.NewGuid().ToString("N"), "churn.zip");
        first.Save(path);
        var loaded = ChurnModel.LoadFrom(path);

        var test = Rows(new Random(3), 50);
        var expected = first.Score(test).Select(p => p.Probability).ToList();
        second.Score(test).Select(p => p.Probability).Should().Equal(expected);
        loaded.Score(test).Select(p => p.Probability).Should().Equal(expected);
        loaded.FeatureNames.Should().Equal(Names);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Theory]
    [InlineData(ChurnLearner.FastTree)]
    [InlineData(ChurnLearner.LightGbm)]
    public void Importance_SignalFeature_RanksFirstAndNoiseNearZero(ChurnLearner learner)
    {
        var model = new ChurnTrainer(new ChurnTrainerOptions { Learner = learner, Trees = 50 }).Train(Rows(new Random(1), 2_000), Names);

        var importance = model.Importance(Rows(new Random(2), 1_000));

        importance.Select(i => i.Feature).Should().BeEquivalentTo(Names);
        importance[0].Feature.Should().Be("days_since_last_order");
        importance[0].RocAucDrop.Should().BeGreaterThan(0.3);
        importance.Skip(1).Should().OnlyContain(i => Math.Abs(i.RocAucDrop) < 0.03);
    }

    [Theory]
    [InlineData(ChurnLearner.FastTree)]
    [InlineData(ChurnLearner.LightGbm)]
    public void Evaluate_CalibratedModel_ReliabilityTableFollowsTheDiagonal(ChurnLearner learner)
    {
        var model = new ChurnTrainer(new ChurnTrainerOptions { Learner = learner, Trees = 50 }).Train(Rows(new Random(1), 4_000), Names);

        var report = model.Evaluate(Rows(new Random(2), 4_000));

        report.Reliability.Sum(b => b.Rows).Should().Be(4_000);
        foreach (var bin in report.Reliability.Where(b => b.Rows >= 200))
        {
            bin.Observed.Should().BeApproximately(bin.MeanPredicted, 0.1, $"bin {bin.From:0.0}-{bin.To:0.0} has {bin.Rows} rows");
        }
    }

    [Fact]
    public void TrainerName_NamesEachLearner_LightGbmByDefault()
    {
        new ChurnTrainerOptions { Learner = ChurnLearner.FastTree }.TrainerName.Should().Be("FastTreeBinary+Platt");
        new ChurnTrainerOptions().TrainerName.Should().Be("LightGbmBinary+Platt", "LightGBM is the default learner");
    }

    [Fact]
    public void LoadFrom_AnotherKindOfModel_IsRejectedNamingTheFile()
    {
        var ml = new MLContext(1);
        var data = ChurnModel.Load(ml, Rows(new Random(1), 500), Names.Length);
        var logistic = ml.BinaryClassification.Trainers.SdcaLogisticRegression(nameof(CustomerFeatures.Label), nameof(CustomerFeatures.Features)).Fit(data);
        string path = Path.Combine(Path.GetTempPath(), "insight-tests", Guid.NewGuid().ToString("N"), "churn.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ml.Model.Save(logistic, data.Schema, path);
        File.WriteAllLines(path + ".features", Names);

        var act = () => ChurnModel.LoadFrom(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"{path}: not a churn model*");
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Train_OneClassOnly_IsRejected()
    {
        var rows = Rows(new Random(1), 100).Select(r => new CustomerFeatures { CustomerId = r.CustomerId, Features = r.Features, Label = false }).ToList();

        var act = () => new ChurnTrainer().Train(rows, Names);

        act.Should().Throw<InvalidOperationException>().WithMessage("*both churners and stayers*");
    }

    private static List<CustomerFeatures> Rows(Random rng, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            float signal = (float)rng.NextDouble();
            return new CustomerFeatures
            {
                CustomerId = $"c{i}",
                Features = [signal, (float)rng.NextDouble(), (float)rng.NextDouble()],
                Label = signal + (0.3 * (rng.NextDouble() - 0.5)) > 0.6,
            };
        }).ToList();
}
