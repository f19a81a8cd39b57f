using System.Net.Http.Json;
using System.Text.Json;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Run;
using Insight.Pipeline.Taxonomy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Alerts;

/// <summary>
/// Raises alerts from the lake as it stands: root causes whose contacts spiked on the days just before the
/// as-of date, and customers whose churn probability crossed <c>Churn:HighRiskThreshold</c> because of
/// contacts that arrived since the last check. Appends new alerts to <c>out/alerts.jsonl</c>, raises each
/// key once (the keys live in the lake, <c>_alerts/state.json</c>), and POSTs undelivered ones to the webhook.
/// </summary>
public sealed class AlertsStage(
    ParquetLake lake,
    RootCauseTaxonomy taxonomy,
    IChurnStage churn,
    DriftMonitor drift,
    IHttpClientFactory http,
    IOptions<AlertOptions> options,
    IOptions<ChurnOptions> churnOptions,
    TimeProvider time,
    ILogger<AlertsStage> logger)
{
    public const string AlertsFile = "alerts.jsonl";
    public const string WebhookClient = "alerts-webhook";

    private static readonly JsonSerializerOptions Json = new(RunLog.Json) { WriteIndented = false, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly AlertOptions _options = options.Value;

    /// <param name="runId">The run raising them.</param>
    /// <param name="asOf">Nothing at or after it is read.</param>
    /// <param name="churnModel">The churn champion, or null when none has been trained.</param>
    /// <param name="classifier">The root-cause classifier the contacts were labelled with, or null (no contacts).</param>
    /// <param name="churnScored">
    /// Whether this run scored churn: only then are the customer features new, and their drift measured (the
    /// frequent ingest cycle does not re-read a feature table that has not changed).
    /// </param>
    /// <param name="outputFolder">Where <c>alerts.jsonl</c> goes.</param>
    /// <param name="cancellationToken">Stops the stage.</param>
    public async Task<AlertsReport> RunAsync(string runId, DateTime asOf, SavedModel? churnModel, RootCauseModel? classifier, bool churnScored, string outputFolder, CancellationToken cancellationToken)
    {
        var state = ReadState();
        var contacts = (await lake.ReadAllAsync<LabeledContact>(LakeTables.LabeledContacts, cancellationToken)).Where(c => c.StartedAt < asOf).ToList();
        var raisedAt = time.GetUtcNow();
        var found = new List<Alert>();

        var days = Enumerable.Range(1, _options.SpikeCheckDays).Select(k => asOf.Date.AddDays(-k)).Reverse().ToList();
        var counts = contacts.Where(c => c.StartedAt >= days[0].AddDays(-_options.SpikeBaselineDays))
            .GroupBy(c => (c.RootCause, c.StartedAt.Date))
            .ToDictionary(g => g.Key, g => g.Count());
        var detector = new SpikeDetector(_options);
        foreach (string rootCause in counts.Keys.Select(k => k.RootCause).Distinct().Order(StringComparer.Ordinal))
        {
            foreach (var day in days)
            {
                var check = detector.Check(day, d => counts.GetValueOrDefault((rootCause, d)));
                if (check.IsSpike)
                {
                    string owner = taxonomy.OwnerOf(rootCause);
                    found.Add(new Alert(
                        $"spike:{rootCause}:{day:yyyy-MM-dd}", Alert.Spike, raisedAt, runId,
                        $"{NameOf(rootCause)}: {check.Contacts} contacts on {day:yyyy-MM-dd} against a usual {check.BaselineMedian:0.#} a day over the {_options.SpikeBaselineDays} days before (owner: {owner})",
                        RootCause: rootCause, Owner: owner, Day: day, Contacts: check.Contacts, BaselineMedian: check.BaselineMedian,
                        RobustZ: check.RobustZ, PValue: check.PValue));
                }
            }
        }

        // Customers: contacts that arrived since the last check, and what they did to each customer's risk.
        string? note = null;
        int customersChecked = 0;
        var fresh = contacts.Where(c => state.ContactsUpTo is null || c.StartedAt > state.ContactsUpTo).ToList();
        if (!_options.CustomerAlerts)
        {
            note = "Alerts:CustomerAlerts is off";
        }
        else if (state.ContactsUpTo is null)
        {
            note = "first check: contacts from now on are watched";
        }
        else if (churnModel is null || !File.Exists(churnModel.Path))
        {
            note = "no churn model has been trained yet (the daily run trains one)";
        }
        else if (fresh.Count > 0)
        {
            var firstNew = fresh.GroupBy(c => c.CustomerId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.MinBy(c => (c.StartedAt, c.ContactId))!, StringComparer.Ordinal);
            var changes = await churn.ScoreContactEffectAsync(churnModel.Path, asOf, contacts, firstNew.ToDictionary(f => f.Key, f => f.Value.StartedAt, StringComparer.Ordinal), cancellationToken);
            customersChecked = changes.Count;
            double threshold = churnOptions.Value.HighRiskThreshold;
            foreach (var change in changes.Where(c => c.Before < threshold && c.After >= threshold))
            {
                var contact = firstNew[change.CustomerId];
                string? rootCause = contact.RootCause == RootCauseTaxonomy.Unclassified ? change.MainRootCause : contact.RootCause;
                found.Add(new Alert(
                    $"high-risk:{change.CustomerId}:{contact.ContactId}", Alert.HighRiskCustomer, raisedAt, runId,
                    $"Customer {change.CustomerId} turned high-risk after contact {contact.ContactId} on {contact.StartedAt:yyyy-MM-dd}" +
                    $"{(rootCause is null ? "" : $" about {NameOf(rootCause)}")}: churn probability {change.Before:P0} before, {change.After:P0} after",
                    RootCause: rootCause, Owner: rootCause is null ? null : taxonomy.OwnerOf(rootCause),
                    CustomerId: change.CustomerId, ContactId: contact.ContactId, ProbabilityBefore: change.Before, ProbabilityAfter: change.After));
            }
        }

        // Drift: once per model version, recommending a retrain.
        var drifted = await drift.MeasureAsync(asOf, churnScored ? churnModel : null, classifier, contacts, cancellationToken);
        foreach (var model in drifted.Reasons.GroupBy(r => (r.Model, r.Version)))
        {
            found.Add(new Alert(
                $"drift:{model.Key.Model}:{model.Key.Version}", Alert.Drift, raisedAt, runId,
                $"The {model.Key.Model} model {model.Key.Version} is out of date: {string.Join("; ", model.Select(r => r.Text))}. Retrain it: insight train {model.Key.Model}, or the weekly retrain job.",
                Model: model.Key.Model, ModelVersion: model.Key.Version));
        }

        var raised = found.Where(a => !state.Raised.Contains(a.Key)).ToList();
        string output = Path.Combine(outputFolder, AlertsFile);
        if (raised.Count > 0)
        {
            Directory.CreateDirectory(outputFolder);
            await File.AppendAllLinesAsync(output, raised.Select(a => JsonSerializer.Serialize(a, Json)), cancellationToken);
            state.Raised.UnionWith(raised.Select(a => a.Key));
            foreach (var alert in raised)
            {
                logger.LogWarning("Alert {Key}: {Message}", alert.Key, alert.Message);
            }
        }

        state.ContactsUpTo = contacts.Count > 0 ? Max(state.ContactsUpTo, contacts.Max(c => c.StartedAt)) : state.ContactsUpTo;
        // The state is saved before delivery: an alert is raised once even if the webhook is down; delivery catches up.
        WriteState(state);
        var (delivered, undelivered) = await DeliverAsync(output, state, cancellationToken);
        return new AlertsReport(days.Count, raised.Count(a => a.Kind == Alert.Spike), customersChecked, raised.Count(a => a.Kind == Alert.HighRiskCustomer),
            found.Count - raised.Count, delivered, undelivered, note, output, raised.Count(a => a.Kind == Alert.Drift), drifted);
    }

    /// <summary>POSTs every alert in the log whose key the webhook has not accepted yet, oldest first.</summary>
    private async Task<(int Delivered, int Undelivered)> DeliverAsync(string log, AlertState state, CancellationToken cancellationToken)
    {
        // Pending alerts are those raised and not delivered: without any, the log is not read.
        if (string.IsNullOrWhiteSpace(_options.WebhookUrl) || state.Raised.IsSubsetOf(state.Delivered) || !File.Exists(log))
        {
            return (0, 0);
        }

        var pending = (await File.ReadAllLinesAsync(log, cancellationToken))
            .Where(line => line.Length > 0)
            .Select(line => (Line: line, Key: JsonDocument.Parse(line).RootElement.GetProperty("key").GetString()!))
            .Where(a => !state.Delivered.Contains(a.Key))
            .ToList();
        var client = http.CreateClient(WebhookClient);
        int delivered = 0;
        foreach (var (line, key) in pending)
        {
            try
            {
                using var content = new StringContent(line, System.Text.Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(_options.WebhookUrl, content, cancellationToken);
                response.EnsureSuccessStatusCode();
                state.Delivered.Add(key);
                delivered++;
                WriteState(state);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The alerts webhook {Url} did not take alert {Key} after {Attempts} attempts ({Error}); it is tried again next run.",
                    _options.WebhookUrl, key, _options.WebhookAttempts, e.Message);
                return (delivered, pending.Count - delivered);
            }
        }

        return (delivered, 0);
    }

    private string NameOf(string rootCause) =>
        rootCause == RootCauseTaxonomy.Unclassified ? "contacts the classifier could not place" : taxonomy.RootCauses.FirstOrDefault(r => r.Id == rootCause)?.Name ?? rootCause;

    private static DateTime? Max(DateTime? a, DateTime b) => a is { } x && x > b ? x : b;

    private string StatePath => Path.Combine(lake.Folder, "_alerts", "state.json");

    private AlertState ReadState() => JsonFile.Read<AlertState>(StatePath, RunLog.Json) ?? new AlertState();

    private void WriteState(AlertState state) => JsonFile.Write(StatePath, state, RunLog.Json);

    /// <summary>What the alerts stage remembers between runs.</summary>
    private sealed class AlertState
    {
        /// <summary>The latest contact already looked at for customer alerts.</summary>
        public DateTime? ContactsUpTo { get; set; }

        public HashSet<string> Raised { get; set; } = new(StringComparer.Ordinal);

        public HashSet<string> Delivered { get; set; } = new(StringComparer.Ordinal);
    }
}
