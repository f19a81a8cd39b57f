using Insight.Models.Evaluation;
using Insight.Models.Text;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Registry;

public sealed class ChampionsTests : IDisposable
{
    private static readonly DateTime AsOf = Some.Day(40);

    private readonly TempFolder _folder = new();
    private readonly ParquetLake _lake;
    private readonly ModelRegistry _registry;

    public ChampionsTests()
    {
        _lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("lake") }));
        _registry = new ModelRegistry(Options.Create(new RegistryOptions { Folder = _folder.File("registry") }), TimeProvider.System);
    }

    [Fact]
    public async Task TrainRootCauses_AChampionTrainedOnTheSameContactsWithTheSameSettings_IsNotTrainedAgain_OtherContactsOrSettingsAre()
    {
        await _lake.WriteAsync(LakeTables.Contacts, ComplaintContacts.Make(perCause: 40, withDisposition: true));
        var (champions, label) = Champions(new LabelOptions { MinLabelledContacts = 50 });

        // A first run: labelling finds no champion and trains one; the train stage then asks for a challenger.
        var first = await champions.RootCausesAsync(AsOf, CancellationToken.None);
        var again = await champions.TrainRootCausesAsync(AsOf, CancellationToken.None);

        label.Trainings.Should().Be(1, "the champion was trained on these contacts with these settings");
        first!.Saved.Version.Should().Be("v1");
        again!.Model.Saved.Version.Should().Be("v1");
        again.Decision.Should().BeEquivalentTo(new { Challenger = "v1", Champion = "v1", Promoted = false });
        again.Decision.Reason.Should().Contain("the same training");
        _registry.Get(ModelRegistry.RootCauses, "v1").Card.TrainedOn.Should().MatchRegex("^[0-9a-f]{16}$");

        // Another setting, another as-of (another hold-out window), or changed contacts: each trains.
        var (otherSettings, otherLabel) = Champions(new LabelOptions { MinLabelledContacts = 50, Iterations = 5 });
        await otherSettings.TrainRootCausesAsync(AsOf, CancellationToken.None);
        otherLabel.Trainings.Should().Be(1);
        await champions.TrainRootCausesAsync(AsOf.AddDays(1), CancellationToken.None);
        label.Trainings.Should().Be(2);
        await _lake.WriteAsync(LakeTables.Contacts, ComplaintContacts.Make(perCause: 41, withDisposition: true));
        await champions.TrainRootCausesAsync(AsOf, CancellationToken.None);
        label.Trainings.Should().Be(3);
    }

    private (Champions Champions, CountingLabelStage Label) Champions(LabelOptions options)
    {
        var label = new CountingLabelStage(new LabelStage(_lake, Some.Taxonomy, Options.Create(options), NullLogger<LabelStage>.Instance));
        var registryOptions = Options.Create(new RegistryOptions { Folder = _registry.Folder });
        return (new Champions(_registry, _lake, label, null!, Some.Taxonomy, registryOptions, Options.Create(options), NullLogger<Champions>.Instance), label);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The label stage, counting the classifier's trainings.</summary>
    private sealed class CountingLabelStage(ILabelStage inner) : ILabelStage
    {
        public int Trainings { get; private set; }

        public Task<ClassifierTraining?> TrainClassifierAsync(string modelPath, DateTime? holdoutFrom, int minHoldout, CancellationToken cancellationToken)
        {
            Trainings++;
            return inner.TrainClassifierAsync(modelPath, holdoutFrom, minHoldout, cancellationToken);
        }

        public ClassificationReport EvaluateClassifier(string modelPath, IReadOnlyList<ContactText> examples) => inner.EvaluateClassifier(modelPath, examples);

        public Task<LabelReport> RunAsync(RootCauseModel? classifier, CancellationToken cancellationToken) => inner.RunAsync(classifier, cancellationToken);

        public Task<LabelTraining> TrainAsync(string modelFolder, RootCauseModel? classifier, CancellationToken cancellationToken) => inner.TrainAsync(modelFolder, classifier, cancellationToken);

        public Task<LabelScoring> LabelAsync(string modelFolder, LabelTraining training, Shard shard, string table, CancellationToken cancellationToken) =>
            inner.LabelAsync(modelFolder, training, shard, table, cancellationToken);

        public Task MergeAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken) => inner.MergeAsync(tables, cancellationToken);

        public LabelReport Report(RootCauseModel? classifier, IReadOnlyList<LabelScoring> shards) => inner.Report(classifier, shards);
    }
}
