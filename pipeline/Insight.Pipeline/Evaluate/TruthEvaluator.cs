using System.Text.Json;
using CsvHelper;
using Insight.Models.Evaluation;
using Insight.Pipeline.Demo;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Taxonomy;

namespace Insight.Pipeline.Evaluate;

/// <summary>Compares a run's labels and ranking with the truth folder of a generated demo world.</summary>
public sealed class TruthEvaluator(ParquetLake lake)
{
    public async Task<TruthReport> EvaluateAsync(string truthFolder, IReadOnlyList<UpstreamFix> fixes, CancellationToken cancellationToken)
    {
        var truth = new Dictionary<string, TruthContact>(StringComparer.Ordinal);
        using (var reader = CsvReader.FromFile(Path.Combine(truthFolder, DemoFiles.TruthContacts), CsvReaderOptions.Default with { Separator = ',' }))
        {
            reader.ReadHeader();
            int id = reader.GetFieldIndex(Columns.ContactId);
            int rootCause = reader.GetFieldIndex(Columns.RootCause);
            int isRepeat = reader.GetFieldIndex("is_repeat");
            int painPoints = reader.GetFieldIndex(Columns.PainPoints);
            while (reader.Read())
            {
                truth[reader.GetString(id)] = new TruthContact(
                    reader.GetString(rootCause),
                    reader.GetString(isRepeat) == "true",
                    Tags(reader.GetString(painPoints)));
            }
        }

        int compared = 0;
        int correct = 0;
        int classified = 0;
        int correctClassified = 0;
        var tagCounts = new Dictionary<string, (int Actual, int Tagged, int Both)>(StringComparer.Ordinal);
        var frustration = new List<(float Score, TruthContact Truth)>();
        await foreach (var contact in lake.ReadAsync<LabeledContact>(LakeTables.LabeledContacts, cancellationToken))
        {
            if (!truth.TryGetValue(contact.ContactId, out var actualContact))
            {
                continue;
            }

            string actual = actualContact.RootCause;
            var tagged = Tags(contact.PainPoints);
            foreach (string tag in actualContact.PainPoints.Union(tagged))
            {
                var counts = tagCounts.GetValueOrDefault(tag);
                bool isActual = actualContact.PainPoints.Contains(tag);
                bool isTagged = tagged.Contains(tag);
                tagCounts[tag] = (counts.Actual + (isActual ? 1 : 0), counts.Tagged + (isTagged ? 1 : 0), counts.Both + (isActual && isTagged ? 1 : 0));
            }

            frustration.Add((contact.Frustration, actualContact));
            compared++;
            bool isCorrect = contact.RootCause == actual;
            correct += isCorrect ? 1 : 0;
            if (contact.RootCause != RootCauseTaxonomy.Unclassified)
            {
                classified++;
                correctClassified += isCorrect ? 1 : 0;
            }
        }

        string incidentPath = Path.Combine(truthFolder, DemoFiles.TruthIncident);
        var incident = File.Exists(incidentPath)
            ? JsonSerializer.Deserialize<DemoIncident>(await File.ReadAllTextAsync(incidentPath, cancellationToken), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })
            : null;
        int? incidentRank = incident is null ? null : fixes.FirstOrDefault(f => f.RootCause == incident.RootCause)?.Rank;
        return new TruthReport(
            compared,
            compared == 0 ? 0 : correct / (double)compared,
            classified == 0 ? 0 : correctClassified / (double)classified,
            compared == 0 ? 0 : classified / (double)compared,
            incident?.RootCause,
            incidentRank,
            [.. tagCounts.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TagQuality(
                t.Key, t.Value.Actual, t.Value.Tagged,
                t.Value.Tagged == 0 ? 0 : Math.Round(t.Value.Both / (double)t.Value.Tagged, 4),
                t.Value.Actual == 0 ? 0 : Math.Round(t.Value.Both / (double)t.Value.Actual, 4)))],
            CheckFrustration(frustration));
    }

    private static HashSet<string> Tags(string joined) =>
        joined.Split(RootCauseTaxonomy.PainPointSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private static FrustrationCheck CheckFrustration(List<(float Score, TruthContact Truth)> scores)
    {
        static double Mean(IEnumerable<float> values) => values.Select(v => (double)v).DefaultIfEmpty(0).Average();
        return new FrustrationCheck(
            Math.Round(Mean(scores.Where(s => s.Truth.PainPoints.Count > 0).Select(s => s.Score)), 4),
            Math.Round(Mean(scores.Where(s => s.Truth.PainPoints.Count == 0).Select(s => s.Score)), 4),
            Math.Round(RocAuc.Of([.. scores.Select(s => s.Truth.IsRepeat)], [.. scores.Select(s => s.Score)]), 4));
    }

    private sealed record TruthContact(string RootCause, bool IsRepeat, HashSet<string> PainPoints);
}
