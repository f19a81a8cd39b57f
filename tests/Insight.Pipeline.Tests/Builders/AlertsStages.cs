using Insight.Pipeline.Alerts;
using Insight.Pipeline.Churn;
using Insight.Pipeline.Lake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Insight.Pipeline.Tests.Builders;

/// <summary>An alerts stage on a test lake, wired as the host wires it (the webhook client with its retries, drift), at a fixed time.</summary>
internal static class AlertsStages
{
    public static AlertsStage Create(ParquetLake lake, ChurnStage churn, AlertOptions options, ChurnOptions churnOptions)
    {
        var alerts = Options.Create(options);
        var http = new ServiceCollection().AddSingleton(alerts).AddAlertsWebhook().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new AlertsStage(lake, Some.Taxonomy, churn, new DriftMonitor(lake, alerts, Options.Create(churnOptions)), http, alerts, Options.Create(churnOptions),
            new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), NullLogger<AlertsStage>.Instance);
    }
}
