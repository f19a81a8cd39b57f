using System.Text.Json.Nodes;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Taxonomy;
using Insight.Pipeline.Tests.Builders;
using Insight.Pipeline.Topics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Topics;

/// <summary>
/// A demo world labelled with a taxonomy that lacks one of its root causes (login-failure, which also has
/// the incident): the contacts about it must be left unclassified and come back as an emerging topic.
/// </summary>
public sealed class TopicsStageTests : IAsyncLifetime
{
    private const string Removed = "login-failure";
    private readonly IngestHarness _harness = new();
    private readonly TopicsOptions _options = new() { PeriodDays = 120 };
    private Dictionary<string, string> _truth = [];
    private DateTime _asOf;

    public async Task InitializeAsync()
    {
        string world = _harness.Folder.File("world");
        new DemoWorldGenerator(Some.Taxonomy).Generate(1_500, 400, 42, Some.Day0, world);
        _truth = File.ReadLines(Path.Combine(world, DemoFiles.TruthFolder, DemoFiles.TruthContacts)).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[2]);
        await _harness.IngestAsync(contacts: new SourceOptions { Path = Path.Combine(world, DemoFiles.Contacts) });
        _asOf = (await _harness.ContactsAsync()).Max(c => c.StartedAt).Date.AddDays(1);

        var full = JsonNode.Parse(File.ReadAllText(Some.TaxonomyPath))!.AsObject();
        var rootCauses = full["rootCauses"]!.AsArray();
        rootCauses.Remove(rootCauses.Single(r => r!["id"]!.GetValue<string>() == Removed));
        full["retired"] = new JsonArray(Removed);
        full["version"] = "test-without-login";
        var taxonomy = RootCauseTaxonomy.Load(_harness.Folder.Write("taxonomy.json", full.ToJsonString()));
        await new LabelStage(_harness.Lake, taxonomy, Options.Create(new LabelOptions()), NullLogger<LabelStage>.Instance)
            .TrainAndRunAsync(_harness.Folder.File("models"));
    }

    [Fact]
    public async Task Run_RootCauseMissingFromTaxonomy_ComesBackAsACandidate()
    {
        var report = await Stage().RunAsync(_asOf, _harness.Folder.File("out"), CancellationToken.None);

        report.Candidates.Should().BeGreaterThan(0);
        var labelled = await _harness.Lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts);
        var aboutLogin = labelled.Where(l => _truth[l.ContactId] == Removed).ToList();
        aboutLogin.Count(l => l.RootCause == RootCauseTaxonomy.Unclassified).Should().BeGreaterThan(aboutLogin.Count / 2,
            "contacts about a root cause the model never learnt are unlike its training data");

        var topics = File.ReadAllLines(Path.Combine(_harness.Folder.File("out"), TopicsStage.OutputFile));
        topics[0].Should().StartWith("topic_id,top_terms,size,current_period,previous_period,growth,example_1,example_2,example_3");
        var candidates = await _harness.Lake.ReadAllAsync<EmergingTopic>(LakeTables.EmergingTopics);
        // The removed root cause may come back as one candidate per way customers describe it (can't log in,
        // reset email, login page): each is a candidate whose typical contacts are all about signing in.
        static bool AboutSigningIn(string quote) =>
            quote.Contains("log", StringComparison.OrdinalIgnoreCase) || quote.Contains("password", StringComparison.OrdinalIgnoreCase);
        var login = candidates.Where(c => new[] { c.Example1, c.Example2, c.Example3 }.All(AboutSigningIn)).ToList();
        login.Should().NotBeEmpty();
        login.Sum(c => c.Size).Should().BeGreaterThan(aboutLogin.Count / 3);
        login.Should().OnlyContain(c => c.CurrentPeriod >= _options.MinClusterSize && c.Size == c.CurrentPeriod + c.PreviousPeriod);
        candidates.SelectMany(c => new[] { c.Example1, c.Example2, c.Example3 }).Should().NotContain(e => e.Contains('@'), "quotes are redacted");
    }

    [Fact]
    public async Task Run_TopicPersistsIntoTheNextRun_KeepsItsIdAndFirstSeen()
    {
        await Stage().RunAsync(_asOf.AddDays(-7), _harness.Folder.File("out"), CancellationToken.None);
        var first = await _harness.Lake.ReadAllAsync<EmergingTopic>(LakeTables.EmergingTopics);

        var report = await Stage().RunAsync(_asOf, _harness.Folder.File("out"), CancellationToken.None);

        var second = await _harness.Lake.ReadAllAsync<EmergingTopic>(LakeTables.EmergingTopics);
        report.Persisting.Should().BeGreaterThan(0);
        var kept = second.Where(s => first.Any(f => f.TopicId == s.TopicId)).ToList();
        kept.Should().NotBeEmpty().And.OnlyContain(k => k.FirstSeen == _asOf.AddDays(-7) && k.LastSeen == _asOf);
    }

    [Fact]
    public async Task Run_SameWindowTwice_WritesTheSameFile()
    {
        string output = _harness.Folder.File("out");
        await Stage().RunAsync(_asOf, output, CancellationToken.None);
        string first = File.ReadAllText(Path.Combine(output, TopicsStage.OutputFile));

        await Stage().RunAsync(_asOf, output, CancellationToken.None);

        File.ReadAllText(Path.Combine(output, TopicsStage.OutputFile)).Should().Be(first);
    }

    public Task DisposeAsync()
    {
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private TopicsStage Stage() => new(_harness.Lake, Options.Create(_options), NullLogger<TopicsStage>.Instance);
}
