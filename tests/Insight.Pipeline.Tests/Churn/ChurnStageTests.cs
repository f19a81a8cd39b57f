using Insight.Models.Churn;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Churn;

public sealed class ChurnStageTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ParquetLake _lake;

    public ChurnStageTests() => _lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("lake") }));

    [Fact]
    public async Task Run_HistoryShorterThanTwoHorizons_SaysWhatItNeeds()
    {
        await _lake.WriteAsync(LakeTables.Purchases, PurchaseBuilder.EveryDays("c1", 0, 150, 10));
        await _lake.WriteAsync(LakeTables.LabeledContacts, new List<LabeledContact>());

        var act = () => Stage().RunAsync(Some.Day(150), _folder.File("churn.zip"), CancellationToken.None);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*at least 210 days*first purchase is 2025-06-01*");
    }

    [Fact]
    public async Task Run_NoPurchases_SkipsChurnAndWritesEmptyScores()
    {
        await _lake.WriteAsync(LakeTables.LabeledContacts, new List<LabeledContact> { new ContactBuilder().ForCustomer("c1").OnDay(10).Build() });

        var report = await Stage().RunAsync(Some.Day(150), _folder.File("churn.zip"), CancellationToken.None);

        report.Skipped.Should().Contain("no purchases");
        report.Validation.Should().BeNull();
        (await _lake.ReadAllAsync<ChurnScore>(LakeTables.ChurnScores)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(ChurnLearner.FastTree)]
    [InlineData(ChurnLearner.LightGbm)]
    public async Task Run_CustomersWhoStopAfterUnresolvedContacts_ScoreHigherWithContactReasons(ChurnLearner learner)
    {
        // 300 customers buy every 10 days for 400 days. A third of them have an unresolved issue and stop
        // buying 10 days later; the model must learn that from the training window.
        var rng = new Random(3);
        var purchases = new List<PurchaseRecord>();
        var contacts = new List<LabeledContact>();
        var unhappy = new HashSet<string>();
        for (int i = 0; i < 300; i++)
        {
            string id = $"c{i:D3}";
            double problemDay = i % 3 == 0 ? rng.Next(60, 390) : double.MaxValue;
            if (problemDay < 400)
            {
                unhappy.Add(id);
                contacts.Add(new ContactBuilder().ForCustomer(id).About("double-charge", "billing").OnDay(problemDay).Build());
                contacts.Add(new ContactBuilder().ForCustomer(id).About("double-charge", "billing").OnDay(problemDay + 2).Build());
            }

            for (double day = rng.Next(0, 10); day < Math.Min(400, problemDay + 10); day += 8 + rng.Next(5))
            {
                purchases.Add(PurchaseBuilder.On(id, day));
            }
        }

        await _lake.WriteAsync(LakeTables.Purchases, purchases);
        await _lake.WriteAsync(LakeTables.LabeledContacts, contacts);

        var report = await Stage(learner).RunAsync(Some.Day(400), _folder.File("churn.zip"), CancellationToken.None);

        report.Validation!.RocAuc.Should().BeGreaterThan(0.8);
        report.TrainAsOf.Should().Be(Some.Day(220));
        report.ValidationAsOf.Should().Be(Some.Day(310));
        var scores = await _lake.ReadAllAsync<ChurnScore>(LakeTables.ChurnScores);
        var recentlyUnhappy = scores.Where(s => unhappy.Contains(s.CustomerId) && !s.AlreadyChurned && s.DaysSinceLastOrder < 20).ToList();
        recentlyUnhappy.Should().NotBeEmpty();
        recentlyUnhappy.Average(s => s.ChurnProbability).Should().BeGreaterThan(scores.Where(s => !unhappy.Contains(s.CustomerId)).Average(s => s.ChurnProbability) + 0.3);
        recentlyUnhappy.Should().OnlyContain(s => s.Reasons.Length > 0 && s.TopRootCause == "double-charge");
        scores.Should().OnlyContain(s => Math.Abs(s.ValueAtRisk - (s.ChurnProbability * s.ExpectedSpend)) < 0.01);
        scores.Where(s => s.AlreadyChurned || s.ChurnProbability < new ChurnOptions().ReasonsFrom).Should().NotBeEmpty()
            .And.OnlyContain(s => s.Reasons == "", "customers on no list are not explained");
        File.Exists(_folder.File("churn.zip")).Should().BeTrue();
    }

    [Fact]
    public async Task Run_SubscriptionLabel_LearnsCancellationsNotPausesInBuying()
    {
        // 600 subscribers pay every 30 days. A third have an unresolved issue and cancel 50 days later (at
        // the end of their notice period); a further sixth stop paying from day 290 but never cancel.
        var rng = new Random(5);
        var purchases = new List<PurchaseRecord>();
        var contacts = new List<LabeledContact>();
        var customers = new List<CustomerRecord>();
        for (int i = 0; i < 600; i++)
        {
            string id = $"s{i:D3}";
            double problemDay = i % 3 == 0 ? rng.Next(60, 390) : double.MaxValue;
            bool pauses = i % 6 == 1;
            if (problemDay < 400)
            {
                contacts.Add(new ContactBuilder().ForCustomer(id).About("double-charge", "billing").OnDay(problemDay).Build());
                contacts.Add(new ContactBuilder().ForCustomer(id).About("double-charge", "billing").OnDay(problemDay + 2).Build());
            }

            double cancelDay = problemDay + 50;
            customers.Add(new CustomerRecord { CustomerId = id, SignupAt = Some.Day(0), CancelledAt = cancelDay < 400 ? Some.Day(cancelDay) : null });
            for (double day = rng.Next(0, 30); day < Math.Min(400, cancelDay); day += 30)
            {
                if (!(pauses && day > 290))
                {
                    purchases.Add(PurchaseBuilder.On(id, day));
                }
            }
        }

        await _lake.WriteAsync(LakeTables.Purchases, purchases);
        await _lake.WriteAsync(LakeTables.LabeledContacts, contacts);
        await _lake.WriteAsync(LakeTables.Customers, customers);

        var report = await Stage(ChurnOptions.Subscription, horizonDays: 60).RunAsync(Some.Day(400), _folder.File("churn.zip"), CancellationToken.None);

        report.Validation!.RocAuc.Should().BeGreaterThan(0.8);
        var scores = (await _lake.ReadAllAsync<ChurnScore>(LakeTables.ChurnScores)).ToDictionary(s => s.CustomerId);
        var cancelled = customers.Where(c => c.CancelledAt < Some.Day(400)).Select(c => c.CustomerId).ToHashSet();
        scores.Values.Where(s => s.AlreadyChurned).Select(s => s.CustomerId).Should().BeEquivalentTo(cancelled.Where(scores.ContainsKey));
        scores.Values.Should().Contain(s => !s.AlreadyChurned && s.DaysSinceLastOrder > 90, "a pause in buying is not a cancellation");
        ChurnModelCard.Read(_folder.File("churn.zip")).Label.Should().Be(ChurnOptions.Subscription);
    }

    [Fact]
    public async Task Run_SubscriptionLabelWithoutCancellationTimes_SaysWhatToMap()
    {
        await _lake.WriteAsync(LakeTables.Purchases, PurchaseBuilder.EveryDays("c1", 0, 400, 10));
        await _lake.WriteAsync(LakeTables.LabeledContacts, new List<LabeledContact>());
        await _lake.WriteAsync(LakeTables.Customers, new List<CustomerRecord> { new() { CustomerId = "c1", Cancelled = true } });

        var act = () => Stage(ChurnOptions.Subscription).RunAsync(Some.Day(400), _folder.File("churn.zip"), CancellationToken.None);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage("*without saying when*CancelledAt*evaluate churn*");
    }

    [Theory]
    [InlineData(ChurnLearner.FastTree, "FastTreeBinary+Platt")]
    [InlineData(ChurnLearner.LightGbm, "LightGbmBinary+Platt")]
    public async Task Run_WritesAModelCardWithReliabilityAndImportance(ChurnLearner learner, string trainer)
    {
        await _lake.WriteAsync(LakeTables.Purchases, Enumerable.Range(0, 200).SelectMany(i => PurchaseBuilder.EveryDays($"c{i}", i % 9, i % 2 == 0 ? 400 : 100 + (1.5 * i), 9 + (i % 7))).ToList());
        await _lake.WriteAsync(LakeTables.LabeledContacts, new List<LabeledContact>());

        var report = await Stage(learner).RunAsync(Some.Day(400), _folder.File("churn.zip"), CancellationToken.None);

        var card = ChurnModelCard.Read(_folder.File("churn.zip"));
        card.Trainer["trainer"].ToString().Should().Be(trainer);
        card.Label.Should().Be(ChurnOptions.Transactional);
        card.Features.Should().Equal(ChurnModel.LoadFrom(_folder.File("churn.zip")).FeatureNames);
        card.Importance.Should().HaveCount(card.Features.Count).And.BeInDescendingOrder(i => i.RocAucDrop);
        card.Importance[0].RocAucDrop.Should().BeGreaterThan(0);
        card.Validation.Reliability.Sum(b => b.Rows).Should().Be(card.Validation.Rows);
        card.Validation.RocAuc.Should().Be(report.Validation!.RocAuc);
        report.Importance.Should().BeEquivalentTo(card.Importance);
    }

    [Fact]
    public async Task Run_TrainingOnSeveralDates_NeverSeesTheValidationWindow()
    {
        // Two lakes, the same up to the validation date (day 310 for as-of 400), different after it:
        // the trained model must be the same.
        var purchases = Enumerable.Range(0, 200)
            .SelectMany(i => PurchaseBuilder.EveryDays($"c{i}", i % 9, i % 2 == 0 ? 400 : 100 + (1.5 * i), 9 + (i % 7)))
            .ToList();
        var changedAfter = purchases.Where(p => p.OrderedAt < Some.Day(310) || p.CustomerId.EndsWith('3')).ToList();
        var modelA = await TrainAsync(purchases, "a");
        var modelB = await TrainAsync(changedAfter, "b");

        var rows = Enumerable.Range(0, 50).Select(i => new CustomerFeatures
        {
            CustomerId = $"x{i}",
            Features = [.. Enumerable.Range(0, modelA.FeatureNames.Count).Select(k => (float)((i * 7 + k * 13) % 60))],
        }).ToList();
        modelB.Score(rows).Select(p => p.Probability).Should().Equal(modelA.Score(rows).Select(p => p.Probability));
        ChurnModelCard.Read(_folder.File("a.zip")).Trainer["trainingDates"].ToString().Should().NotBe("1", "earlier dates were used");
        ChurnModelCard.Read(_folder.File("a.zip")).TrainingRows.Should().BeGreaterThan(ChurnModelCard.Read(_folder.File("a.zip")).Validation.Rows);
    }

    private async Task<ChurnModel> TrainAsync(List<PurchaseRecord> purchases, string name)
    {
        var lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("lake-" + name) }));
        await lake.WriteAsync(LakeTables.Purchases, purchases);
        await lake.WriteAsync(LakeTables.LabeledContacts, new List<LabeledContact>());
        var stage = new ChurnStage(lake, Some.Taxonomy, Options.Create(new ChurnOptions { Trees = 50 }), Options.Create(new ResolutionOptions()), NullLogger<ChurnStage>.Instance);
        await stage.RunAsync(Some.Day(400), _folder.File(name + ".zip"), CancellationToken.None);
        return ChurnModel.LoadFrom(_folder.File(name + ".zip"));
    }

    private ChurnStage Stage(string label, int horizonDays = 90) =>
        new(_lake, Some.Taxonomy, Options.Create(new ChurnOptions { Trees = 50, Label = label, HorizonDays = horizonDays }), Options.Create(new ResolutionOptions()), NullLogger<ChurnStage>.Instance);

    private ChurnStage Stage(ChurnLearner learner = ChurnLearner.FastTree) =>
        new(_lake, Some.Taxonomy, Options.Create(new ChurnOptions { Trees = 50, Learner = learner }), Options.Create(new ResolutionOptions()), NullLogger<ChurnStage>.Instance);

    public void Dispose() => _folder.Dispose();
}
