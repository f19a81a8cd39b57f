using Insight.Models.Text;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Topics;

/// <inheritdoc />
public sealed class TopicsStage(ParquetLake lake, IOptions<TopicsOptions> options, ILogger<TopicsStage> logger) : ITopicsStage
{
    public const string OutputFile = "emerging-topics.csv";

    /// <summary>Characters of an example quote.</summary>

    /// <summary>Separates a topic's terms in the CSV.</summary>
    private const string TermSeparator = "; ";

    private readonly TopicsOptions _options = options.Value;

    public async Task<TopicsReport> RunAsync(DateTime asOf, string outputFolder, CancellationToken cancellationToken)
    {
        DateTime currentStart = asOf.AddDays(-_options.PeriodDays);
        DateTime previousStart = currentStart.AddDays(-_options.PeriodDays);
        var unclassified = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        await foreach (var contact in lake.ReadAsync<LabeledContact>(LakeTables.LabeledContacts, cancellationToken))
        {
            if (contact.RootCause == RootCauseTaxonomy.Unclassified && contact.StartedAt >= previousStart && contact.StartedAt < asOf)
            {
                unclassified[contact.ContactId] = contact.StartedAt;
            }
        }

        var members = new List<(string ContactId, DateTime StartedAt, string Text)>();
        await foreach (var contact in lake.ReadAsync<ContactRecord>(LakeTables.Contacts, cancellationToken))
        {
            if (unclassified.TryGetValue(contact.ContactId, out var startedAt))
            {
                members.Add((contact.ContactId, startedAt, LabelStage.ClassifierText(contact)));
            }
        }

        // Input order must not change the clusters: k-means sees the contacts sorted by id.
        members.Sort((a, b) => string.CompareOrdinal(a.ContactId, b.ContactId));
        var previousRun = lake.Exists(LakeTables.EmergingTopics)
            ? await lake.ReadAllAsync<EmergingTopic>(LakeTables.EmergingTopics, cancellationToken)
            : [];
        var candidates = new List<EmergingTopic>();
        int clusters = 0;
        if (members.Count >= _options.MinClusterSize)
        {
            clusters = _options.Clusters > 0 ? _options.Clusters : Math.Clamp((int)Math.Round(Math.Sqrt(members.Count / 5.0)), 2, 15);
            var clustering = TopicClusterer.Cluster([.. members.Select(m => m.Text)], clusters, _options.TopTerms, _options.Seed);
            clusters = clustering.Topics.Count;
            candidates = Candidates(members, clustering, currentStart, asOf);
        }

        int persisting = AssignIds(candidates, previousRun, asOf);
        string output = Path.Combine(outputFolder, OutputFile);
        OutputWriter.WriteCsv(output, candidates);
        await lake.WriteAsync(LakeTables.EmergingTopics, candidates, cancellationToken: cancellationToken);
        logger.LogInformation("{Candidates} emerging topics from {Contacts} unclassified contacts", candidates.Count, members.Count);
        return new TopicsReport(members.Count, clusters, candidates.Count, persisting, output);
    }

    private List<EmergingTopic> Candidates(List<(string ContactId, DateTime StartedAt, string Text)> members, TopicClustering clustering, DateTime currentStart, DateTime asOf)
    {
        var candidates = new List<EmergingTopic>();
        foreach (var topic in clustering.Topics)
        {
            var inTopic = members.Select((m, i) => (Member: m, Distance: clustering.Distances[i], Cluster: clustering.Assignments[i]))
                .Where(m => m.Cluster == topic.Index)
                .ToList();
            int current = inTopic.Count(m => m.Member.StartedAt >= currentStart);
            int previous = inTopic.Count - current;
            if (current < _options.MinClusterSize || topic.TopTerms.Count == 0)
            {
                continue;
            }

            // The most typical contacts of the current period, as the customers put it.
            var quotes = inTopic
                .OrderBy(m => m.Member.StartedAt >= currentStart ? 0 : 1)
                .ThenBy(m => m.Distance)
                .ThenBy(m => m.Member.ContactId, StringComparer.Ordinal)
                .Select(m => Quote.Of(m.Member.Text))
                .Distinct(StringComparer.Ordinal)
                .Take(3)
                .ToList();
            candidates.Add(new EmergingTopic
            {
                TopTerms = string.Join(TermSeparator, topic.TopTerms),
                Size = inTopic.Count,
                CurrentPeriod = current,
                PreviousPeriod = previous,
                Growth = previous == 0 ? null : Math.Round((current - previous) / (double)previous, 4),
                Example1 = quotes.ElementAtOrDefault(0) ?? "",
                Example2 = quotes.ElementAtOrDefault(1) ?? "",
                Example3 = quotes.ElementAtOrDefault(2) ?? "",
                FirstSeen = asOf,
                LastSeen = asOf,
            });
        }

        return [.. candidates.OrderByDescending(c => c.CurrentPeriod).ThenBy(c => c.TopTerms, StringComparer.Ordinal)];
    }

    /// <summary>Gives each candidate the id of the previous run's candidate with the most overlapping terms
    /// (at least <see cref="TopicsOptions.MatchOverlap"/>), largest candidates first; others get a new id
    /// from their terms.</summary>
    private int AssignIds(List<EmergingTopic> candidates, List<EmergingTopic> previousRun, DateTime asOf)
    {
        var free = previousRun.ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        int persisting = 0;
        foreach (var candidate in candidates)
        {
            var terms = Terms(candidate.TopTerms);
            var match = free
                .Select(p => (Previous: p, Overlap: Jaccard(terms, Terms(p.TopTerms))))
                .Where(p => p.Overlap >= _options.MatchOverlap)
                .OrderByDescending(p => p.Overlap)
                .ThenBy(p => p.Previous.TopicId, StringComparer.Ordinal)
                .Select(p => p.Previous)
                .FirstOrDefault();
            if (match is not null)
            {
                free.Remove(match);
                candidate.TopicId = match.TopicId;
                candidate.FirstSeen = match.FirstSeen < asOf ? match.FirstSeen : asOf;
                persisting++;
            }
            else
            {
                string key = string.Join('|', terms.Order(StringComparer.Ordinal).Take(5));
                candidate.TopicId = $"emerging-{StableHash.Of(key):x16}"[..17];
                while (previousRun.Any(p => p.TopicId == candidate.TopicId) || used.Contains(candidate.TopicId))
                {
                    candidate.TopicId = $"emerging-{StableHash.Of(key + candidate.TopicId):x16}"[..17];
                }
            }

            used.Add(candidate.TopicId);
        }

        return persisting;
    }

    private static HashSet<string> Terms(string joined) =>
        joined.Split(TermSeparator, StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : a.Intersect(b).Count() / (double)a.Union(b).Count();
}
