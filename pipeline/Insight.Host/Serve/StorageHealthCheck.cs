using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Insight.Host.Serve;

/// <summary>Healthy when Hangfire's storage answers: the servers and queues it reports.</summary>
public sealed class StorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var statistics = monitoring.GetStatistics();
            return Task.FromResult(HealthCheckResult.Healthy("Hangfire storage answers.", new Dictionary<string, object>
            {
                ["servers"] = statistics.Servers,
                ["enqueued"] = statistics.Enqueued,
                ["processing"] = statistics.Processing,
                ["failed"] = statistics.Failed,
            }));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage does not answer.", e));
        }
    }
}
