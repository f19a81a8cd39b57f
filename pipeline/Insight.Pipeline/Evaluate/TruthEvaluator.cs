using System.Text.Json;
using CsvHelper;
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
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = CsvReader.FromFile(Path.Combine(truthFolder, DemoFiles.TruthContacts), CsvReaderOptions.Default with { Separator = ',' }))
        {
            reader.ReadHeader();
            int id = reader.GetFieldIndex(Columns.ContactId);
            int rootCause = reader.GetFieldIndex(Columns.RootCause);
            while (reader.Read())
            {
                truth[reader.GetString(id)] = reader.GetString(rootCause);
            }
        }

        int compared = 0;
        int correct = 0;
        int classified = 0;
        int correctClassified = 0;
        await foreach (var contact in lake.ReadAsync<LabeledContact>(LakeTables.LabeledContacts, cancellationToken))
        {
            if (!truth.TryGetValue(contact.ContactId, out string? actual))
            {
                continue;
            }

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
            incidentRank);
    }
}
