using System.Net;
using System.Text.Json;
using Insight.Pipeline.Alerts;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Label;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Registry;
using Insight.Pipeline.Resolve;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Alerts;

public sealed class AlertsStageTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ParquetLake _lake;

    public AlertsStageTests() => _lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.File("lake") }));

    private string Out => _folder.File("out");

    [Fact]
    public async Task Run_ASpike_IsRaisedOnceWhateverTheRuns()
    {
        await _lake.WriteAsync(LakeTables.LabeledContacts, Spiking("double-charge", spikeDay: 40));

        var first = await Stage().RunAsync("run-1", Some.Day(41), null, null, churnScored: false, Out, CancellationToken.None);
        var second = await Stage().RunAsync("run-2", Some.Day(41), null, null, churnScored: false, Out, CancellationToken.None);
        var third = await Stage().RunAsync("run-3", Some.Day(42), null, null, churnScored: false, Out, CancellationToken.None);

        first.Spikes.Should().Be(1);
        second.Spikes.Should().Be(0);
        second.AlreadyRaised.Should().Be(1);
        third.Spikes.Should().Be(0, "day 40 is still within the days checked, and was raised already");
        var alerts = ReadAlerts();
        alerts.Should().ContainSingle();
        alerts[0].GetProperty("key").GetString().Should().Be($"spike:double-charge:{Some.Day(40):yyyy-MM-dd}");
        alerts[0].GetProperty("owner").GetString().Should().Be("billing");
        alerts[0].GetProperty("contacts").GetInt32().Should().Be(25);
        alerts[0].GetProperty("run_id").GetString().Should().Be("run-1");
        alerts[0].GetProperty("message").GetString().Should().Contain("25 contacts");
    }

    [Fact]
    public async Task Run_NoSpikeBeforeTheAsOfDate_RaisesNothing()
    {
        await _lake.WriteAsync(LakeTables.LabeledContacts, Spiking("double-charge", spikeDay: 40));

        var report = await Stage().RunAsync("run-1", Some.Day(39), null, null, churnScored: false, Out, CancellationToken.None);

        report.Spikes.Should().Be(0, "the spike is on the as-of date, which is not read");
        File.Exists(Path.Combine(Out, AlertsStage.AlertsFile)).Should().BeFalse();
    }

    [Fact]
    public async Task Run_Webhook_GetsEachAlertAsJsonWithRetries()
    {
        await _lake.WriteAsync(LakeTables.LabeledContacts, Spiking("double-charge", spikeDay: 40));
        using var receiver = new WebhookReceiver(failFirst: 2);

        var report = await Stage(new AlertOptions { WebhookUrl = receiver.Url, WebhookAttempts = 4, WebhookRetryDelayMilliseconds = 10 })
            .RunAsync("run-1", Some.Day(41), null, null, churnScored: false, Out, CancellationToken.None);

        report.Delivered.Should().Be(1);
        receiver.Requests.Should().Be(3, "two refusals, then the retry that got through");
        receiver.Accepted.Should().ContainSingle();
        JsonDocument.Parse(receiver.Accepted[0]).RootElement.GetProperty("key").GetString().Should().StartWith("spike:double-charge:");
    }

    [Fact]
    public async Task Run_WebhookDown_AlertIsKeptAndDeliveredOnTheNextRunOnlyOnce()
    {
        await _lake.WriteAsync(LakeTables.LabeledContacts, Spiking("double-charge", spikeDay: 40));
        using var receiver = new WebhookReceiver(failFirst: int.MaxValue);
        var options = new AlertOptions { WebhookUrl = receiver.Url, WebhookAttempts = 2, WebhookRetryDelayMilliseconds = 10 };

        var down = await Stage(options).RunAsync("run-1", Some.Day(41), null, null, churnScored: false, Out, CancellationToken.None);
        receiver.FailFirst = 0;
        var up = await Stage(options).RunAsync("run-2", Some.Day(41), null, null, churnScored: false, Out, CancellationToken.None);
        var again = await Stage(options).RunAsync("run-3", Some.Day(41), null, null, churnScored: false, Out, CancellationToken.None);

        down.Spikes.Should().Be(1);
        down.Undelivered.Should().Be(1);
        up.Spikes.Should().Be(0);
        up.Delivered.Should().Be(1);
        again.Delivered.Should().Be(0);
        receiver.Accepted.Should().ContainSingle();
        ReadAlerts().Should().ContainSingle();
    }

    [Fact]
    public async Task Run_CustomerWhoseRiskCrossesTheThresholdAfterANewContact_IsAlertedOnce()
    {
        // A world where two billing contacts precede a customer's leaving; train and save a churn model on it.
        var (purchases, contacts) = BillingChurnWorld();
        await _lake.WriteAsync(LakeTables.Purchases, purchases);
        await _lake.WriteAsync(LakeTables.LabeledContacts, contacts);
        string model = _folder.File("churn.zip");
        await Churn().RunAsync(Some.Day(400), model, CancellationToken.None);
        // The first check only starts watching.
        var first = await Stage().RunAsync("run-1", Some.Day(400), new SavedModel(model, "test"), null, churnScored: true, Out, CancellationToken.None);
        first.CustomerAlertsNote.Should().Contain("first check");

        // New contacts: two billing contacts for a loyal customer, one for another.
        var fresh = new[]
        {
            new ContactBuilder().ForCustomer("c001").About("double-charge", "billing").OnDay(399.1).Build(),
            new ContactBuilder().ForCustomer("c001").About("double-charge", "billing").OnDay(399.2).Build(),
            new ContactBuilder().ForCustomer("c002").About("mis-pick", "warehouse").OnDay(399.3).Build(),
        };
        await _lake.WriteAsync(LakeTables.LabeledContacts, [.. contacts, .. fresh]);
        var effect = await Churn().ScoreContactEffectAsync(model, Some.Day(400), [.. contacts, .. fresh], new Dictionary<string, DateTime>
        {
            ["c001"] = fresh[0].StartedAt,
            ["c002"] = fresh[2].StartedAt,
        }, CancellationToken.None);
        var c001 = effect.Single(e => e.CustomerId == "c001");
        c001.After.Should().BeGreaterThan(c001.Before, "billing contacts preceded churn in this world");
        double threshold = (c001.Before + c001.After) / 2;

        var second = await Stage(churn: new ChurnOptions { HighRiskThreshold = threshold }).RunAsync("run-2", Some.Day(400), new SavedModel(model, "test"), null, churnScored: true, Out, CancellationToken.None);
        var third = await Stage(churn: new ChurnOptions { HighRiskThreshold = threshold }).RunAsync("run-3", Some.Day(400), new SavedModel(model, "test"), null, churnScored: true, Out, CancellationToken.None);

        second.CustomersChecked.Should().Be(2);
        second.HighRiskCustomers.Should().Be(1);
        third.CustomersChecked.Should().Be(0, "those contacts were looked at already");
        var alert = ReadAlerts().Single(a => a.GetProperty("kind").GetString() == Alert.HighRiskCustomer);
        alert.GetProperty("key").GetString().Should().Be($"high-risk:c001:{fresh[0].ContactId}");
        alert.GetProperty("root_cause").GetString().Should().Be("double-charge");
        alert.GetProperty("probability_before").GetDouble().Should().Be(c001.Before);
        alert.GetProperty("probability_after").GetDouble().Should().Be(c001.After);
    }

    private static List<LabeledContact> Spiking(string rootCause, int spikeDay)
    {
        var contacts = new List<LabeledContact>();
        var rng = new Random(5);
        for (int day = 0; day <= spikeDay; day++)
        {
            int count = day == spikeDay ? 25 : rng.Next(2, 6);
            for (int k = 0; k < count; k++)
            {
                contacts.Add(new ContactBuilder().ForCustomer($"c{day}-{k}").About(rootCause, "billing").OnDay(day + (k / 100.0)).Build());
            }

            contacts.Add(new ContactBuilder().ForCustomer($"m{day}").About("mis-pick").OnDay(day).Build());
        }

        return contacts;
    }

    /// <summary>300 customers buying every 10 days; a third get two billing contacts and stop 10 days later.</summary>
    private static (List<PurchaseRecord> Purchases, List<LabeledContact> Contacts) BillingChurnWorld()
    {
        var rng = new Random(3);
        var purchases = new List<PurchaseRecord>();
        var contacts = new List<LabeledContact>();
        for (int i = 0; i < 300; i++)
        {
            string id = $"c{i:D3}";
            double problemDay = i % 3 == 0 ? rng.Next(60, 380) : double.MaxValue;
            if (problemDay < 400)
            {
                contacts.Add(new ContactBuilder().ForCustomer(id).About("double-charge", "billing").OnDay(problemDay).Build());
                contacts.Add(new ContactBuilder().ForCustomer(id).About("double-charge", "billing").OnDay(problemDay + 2).Build());
            }

            purchases.AddRange(PurchaseBuilder.EveryDays(id, rng.Next(0, 10), Math.Min(problemDay + 10, 399), 10));
        }

        return (purchases, contacts);
    }

    private List<JsonElement> ReadAlerts() =>
        [.. File.ReadAllLines(Path.Combine(Out, AlertsStage.AlertsFile)).Select(line => JsonDocument.Parse(line).RootElement)];

    private ChurnStage Churn() =>
        new(_lake, Some.Taxonomy, Options.Create(new ChurnOptions { Trees = 50 }), Options.Create(new ResolutionOptions()), NullLogger<ChurnStage>.Instance);

    private AlertsStage Stage(AlertOptions? options = null, ChurnOptions? churn = null) =>
        AlertsStages.Create(_lake, Churn(), options ?? new AlertOptions(), churn ?? new ChurnOptions());

    public void Dispose() => _folder.Dispose();

    /// <summary>A webhook on 127.0.0.1 that refuses the first requests with 503, then accepts.</summary>
    private sealed class WebhookReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private int _requests;

        public WebhookReceiver(int failFirst)
        {
            FailFirst = failFirst;
            int port = FreePort();
            Url = $"http://127.0.0.1:{port}/alerts/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }

        public volatile int FailFirst;

        public int Requests => _requests;

        public List<string> Accepted { get; } = [];

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                string body = await new StreamReader(context.Request.InputStream).ReadToEndAsync();
                int n = Interlocked.Increment(ref _requests);
                if (n <= FailFirst)
                {
                    context.Response.StatusCode = 503;
                }
                else
                {
                    lock (Accepted)
                    {
                        Accepted.Add(body);
                    }

                    context.Response.StatusCode = context.Request.ContentType?.StartsWith("application/json") == true ? 200 : 415;
                }

                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
