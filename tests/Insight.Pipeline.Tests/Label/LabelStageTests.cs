using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Label;

public sealed class LabelStageTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ParquetLake _lake;

    public LabelStageTests() => _lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("lake") }));

    [Fact]
    public async Task Run_EnoughDispositions_TrainsOnThemAndLabelsEveryContact()
    {
        await _lake.WriteAsync(LakeTables.Contacts, ComplaintContacts.Make(perCause: 40, withDisposition: true));

        var report = await Stage(new LabelOptions { MinLabelledContacts = 50 }).TrainAndRunAsync(_folder.File("models"));

        report.Mode.Should().Be("dispositions");
        report.Contacts.Should().Be(120);
        report.HoldoutAccuracy.Should().BeGreaterThan(0.9);
        File.Exists(Path.Combine(_folder.File("models"), LabelStageRuns.ModelFile)).Should().BeTrue();
        var labelled = await _lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts);
        labelled.Should().HaveCount(120).And.OnlyContain(l => l.TaxonomyVersion == Some.Taxonomy.Version);
        labelled.Where(l => l.RootCause != RootCauseTaxonomy.Unclassified).Should().OnlyContain(l => l.Owner == Some.Taxonomy.OwnerOf(l.RootCause));
        labelled.Count(l => l.RootCause == l.ContactId.Split('/')[0]).Should().BeGreaterThan(100);
    }

    [Fact]
    public async Task Run_MoreExamplesThanTheCaps_TrainsOnStableSamplesAndStillLabelsEveryContact()
    {
        // Written out of id order: the sample and the labelled table do not depend on the order of the lake.
        var contacts = ComplaintContacts.Make(perCause: 200, withDisposition: true).OrderBy(c => StableHash.Fraction(c.ContactId, "order")).ToList();
        await _lake.WriteAsync(LakeTables.Contacts, contacts);
        var options = new LabelOptions { MinLabelledContacts = 50, MaxTrainingExamples = 150, MaxPainPointExamples = 120 };

        var report = await Stage(options).TrainAndRunAsync(_folder.File("models"));

        (report.TrainingExamples + report.HoldoutExamples).Should().Be(150, "the classifier learns from a sample of 150 of the 600 labelled contacts");
        report.Contacts.Should().Be(600);
        var labelled = await _lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts);
        labelled.Select(l => l.ContactId).Should().Equal(contacts.Select(c => c.ContactId).Order(StringComparer.Ordinal), "every contact is labelled, in id order");
        labelled.Count(l => l.RootCause == l.ContactId.Split('/')[0]).Should().BeGreaterThan(550);
        report.LabelledPerSecond.Should().BeGreaterThan(0);

        var again = await Stage(options).TrainAndRunAsync(_folder.File("models-again"));
        again.Should().BeEquivalentTo(report, o => o.Excluding(r => r.TrainingSeconds).Excluding(r => r.ContactsPerSecond).Excluding(r => r.LabelledPerSecond));
        (await _lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts)).Should().BeEquivalentTo(labelled, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Run_TooFewDispositions_TrainsOnSeedPhrases()
    {
        await _lake.WriteAsync(LakeTables.Contacts, ComplaintContacts.Make(perCause: 40, withDisposition: false));

        var report = await Stage(new LabelOptions()).TrainAndRunAsync(_folder.File("models"));

        report.Mode.Should().Be("seed-phrases");
        report.TrainingExamples.Should().BeGreaterThan(30);
    }

    [Fact]
    public async Task Run_ConfidenceBelowThreshold_IsUnclassifiedWithNoOwner()
    {
        await _lake.WriteAsync(LakeTables.Contacts, ComplaintContacts.Make(perCause: 40, withDisposition: true));

        var report = await Stage(new LabelOptions { MinLabelledContacts = 50, MinConfidence = 1.0 }).TrainAndRunAsync(_folder.File("models"));

        report.Unclassified.Should().Be(120);
        (await _lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts))
            .Should().OnlyContain(l => l.RootCause == RootCauseTaxonomy.Unclassified && l.Owner == "unassigned" && l.Confidence > 0);
    }

    [Fact]
    public async Task Run_NoContacts_WritesAnEmptyTableAndSaysSo()
    {
        // No contacts source at all (purchases only): the table was never ingested.
        var report = await Stage(new LabelOptions()).TrainAndRunAsync(_folder.File("models"));

        report.Mode.Should().Be(LabelStage.NoContacts);
        report.Contacts.Should().Be(0);
        (await _lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts)).Should().BeEmpty();
        File.Exists(Path.Combine(_folder.File("models"), LabelStageRuns.ModelFile)).Should().BeFalse();
    }

    [Fact]
    public async Task Run_DispositionsOutsideTheTaxonomy_SaysHowToMapThem()
    {
        var contacts = Enumerable.Range(0, 300).Select(i => new ContactRecord
        {
            ContactId = $"k{i}", CustomerId = $"c{i}", StartedAt = Some.Day(i), Channel = "chat", Transcript = "",
            Disposition = i % 2 == 0 ? "cancel_order" : "track_order", CustomerText = "please cancel it", Source = "contacts",
        }).ToList();
        await _lake.WriteAsync(LakeTables.Contacts, contacts);

        var act = () => Stage(new LabelOptions()).TrainAndRunAsync(_folder.File("models"));

        await act.Should().ThrowAsync<InvalidDataException>()
            .WithMessage("*'cancel_order', 'track_order'*Input:Contacts:Values:Disposition*Taxonomy:Path*");
    }

    [Fact]
    public async Task Run_ContactsAboutSomethingNeverLearnt_AreUnclassified()
    {
        var contacts = ComplaintContacts.Make(perCause: 60, withDisposition: true);
        contacts.AddRange(Enumerable.Range(0, 30).Select(i => new ContactRecord
        {
            ContactId = $"novel/{i}", CustomerId = $"n{i}", StartedAt = Some.Day(i), Channel = "chat", Transcript = "", Source = "contacts",
            CustomerText = $"my parrot {i} keeps singing opera at night, which vet treats exotic birds near the harbour",
        }));
        await _lake.WriteAsync(LakeTables.Contacts, contacts);

        var report = await Stage(new LabelOptions { MinLabelledContacts = 50 }).TrainAndRunAsync(_folder.File("models"));

        var labelled = await _lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts);
        labelled.Where(l => l.ContactId.StartsWith("novel/", StringComparison.Ordinal)).Should().OnlyContain(l => l.RootCause == RootCauseTaxonomy.Unclassified);
        labelled.Count(l => !l.ContactId.StartsWith("novel/", StringComparison.Ordinal) && l.RootCause == RootCauseTaxonomy.Unclassified).Should().BeLessThan(20);
        report.Abstention!.Source.Should().Be("target-precision");
        report.Abstention.ProbabilityFloor.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Run_PainPointWording_IsTaggedAndRaisesFrustration()
    {
        var contacts = ComplaintContacts.Make(perCause: 40, withDisposition: true);
        contacts[0].CustomerText = "I've been on hold for an hour and I was transferred twice. This is ridiculous, " + contacts[0].CustomerText;
        contacts[1].CustomerText = "You promised someone would call back and nobody did. " + contacts[1].CustomerText;
        await _lake.WriteAsync(LakeTables.Contacts, contacts);

        var report = await Stage(new LabelOptions { MinLabelledContacts = 50 }).TrainAndRunAsync(_folder.File("models"));

        var labelled = (await _lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts)).ToDictionary(l => l.ContactId);
        labelled[contacts[0].ContactId].PainPoints.Split(';').Should().Contain(["long-wait", "transferred"]);
        labelled[contacts[1].ContactId].PainPoints.Should().Be("broken-promise");
        labelled[contacts[0].ContactId].Frustration.Should().BeGreaterThan(labelled[contacts[1].ContactId].Frustration);
        labelled[contacts[2].ContactId].Frustration.Should().Be(0);
        report.PainPoints["long-wait"].Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Run_PainPointInWordsNoSeedHolds_IsFoundByTheModel()
    {
        // The seeds ("on hold", "took ages") label the long waits; the model, reading the text with the
        // seeds masked, learns the wording around them and finds a wait described without any seed.
        var contacts = ComplaintContacts.Make(perCause: 80, withDisposition: true);
        string[] waits = ["I've been on hold for forty minutes before anyone answered.", "It took ages to get through to a person."];
        for (int i = 0; i < 120; i += 2)
        {
            contacts[i].CustomerText = waits[i / 2 % 2] + " " + contacts[i].CustomerText;
        }

        contacts[1].CustomerText = "I was kept in a line for forty minutes before anyone answered. " + contacts[1].CustomerText;
        contacts[3].CustomerText = "Getting through to a person took forever. " + contacts[3].CustomerText;
        await _lake.WriteAsync(LakeTables.Contacts, contacts);

        await Stage(new LabelOptions { MinLabelledContacts = 50 }).TrainAndRunAsync(_folder.File("models"));

        var labelled = (await _lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts)).ToDictionary(l => l.ContactId);
        labelled[contacts[1].ContactId].PainPoints.Should().Be("long-wait");
        labelled[contacts[3].ContactId].PainPoints.Should().Be("long-wait");
        labelled[contacts[5].ContactId].PainPoints.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_InShards_OrOnContactsInAnotherOrder_LabelsTheSame()
    {
        var contacts = ComplaintContacts.Make(perCause: 60, withDisposition: true);
        await _lake.WriteAsync(LakeTables.Contacts, contacts);
        var options = new LabelOptions { MinLabelledContacts = 50 };
        var whole = await Stage(options).TrainAndRunAsync(_folder.File("whole"));
        var expected = await LabelledRows(_lake);

        var reversed = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("reversed-lake") }));
        await reversed.WriteAsync(LakeTables.Contacts, Enumerable.Reverse(contacts));
        var stage = new LabelStage(reversed, Some.Taxonomy, Options.Create(options), NullLogger<LabelStage>.Instance);
        var classifier = new RootCauseModel(new SavedModel(Path.Combine(_folder.File("whole"), LabelStageRuns.ModelFile), "test"), (await stage.TrainClassifierAsync(_folder.File("unused.zip"), null, 1, CancellationToken.None))!.Card, null);
        var training = await stage.TrainAsync(_folder.File("sharded"), classifier, CancellationToken.None);
        var shards = new List<LabelScoring>();
        for (int i = 0; i < 3; i++)
        {
            shards.Add(await stage.LabelAsync(_folder.File("sharded"), training, new Shard(i, 3), $"shard-{i}", CancellationToken.None));
        }

        await stage.MergeAsync(["shard-0", "shard-1", "shard-2"], CancellationToken.None);

        shards.Should().OnlyContain(s => s.Contacts > 0);
        (await LabelledRows(reversed)).Should().HaveCount(contacts.Count).And.Equal(expected);
        expected.Should().BeInAscendingOrder(StringComparer.Ordinal, "the table is in contact id order");
        stage.Report(classifier, shards).Should().BeEquivalentTo(whole, o => o.Excluding(r => r.TrainingSeconds).Excluding(r => r.ContactsPerSecond).Excluding(r => r.LabelledPerSecond).Excluding(r => r.TrainedNow));
    }

    /// <summary>The labelled contacts as JSON, in the table's order (the contact id leads each row).</summary>
    private static async Task<List<string>> LabelledRows(ParquetLake lake) =>
        [.. (await lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts)).Select(c => System.Text.Json.JsonSerializer.Serialize(c))];

    private LabelStage Stage(LabelOptions options) => new(_lake, Some.Taxonomy, Options.Create(options), NullLogger<LabelStage>.Instance);

    public void Dispose() => _folder.Dispose();
}
