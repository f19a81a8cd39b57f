using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Alerts;

/// <summary>When Insight raises an alert, and where it sends it.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Days before a checked day whose contacts make its baseline.</summary>
    [Range(7, 365)]
    public int SpikeBaselineDays { get; set; } = 28;

    /// <summary>Days before the as-of date that each run checks, so a run that was late or missed leaves no day unchecked.</summary>
    [Range(1, 31)]
    public int SpikeCheckDays { get; set; } = 2;

    /// <summary>Fewest contacts about a root cause in a day for a spike.</summary>
    [Range(1, 100_000)]
    public int SpikeMinContacts { get; set; } = 5;

    /// <summary>Robust z-score a day must reach: (count − baseline median) / (1.4826 × MAD), with the MAD at least √median or 1 so a quiet baseline does not make every blip a spike.</summary>
    [Range(1.0, 100.0)]
    public double SpikeRobustZ { get; set; } = 3.5;

    /// <summary>Poisson tail probability of the day's count at the baseline mean that a spike must fall below, too.</summary>
    [Range(1e-12, 0.5)]
    public double SpikeMaxPValue { get; set; } = 0.001;

    /// <summary>Raise an alert when a customer's churn probability crosses <c>Churn:HighRiskThreshold</c> after a new contact.</summary>
    public bool CustomerAlerts { get; set; } = true;

    /// <summary>When set, every alert is also POSTed here as JSON; failed deliveries are retried, within a run and on the next.</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>Attempts per delivery within a run (exponential back-off between them).</summary>
    [Range(1, 10)]
    public int WebhookAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry, doubled for each one after.</summary>
    [Range(0, 60_000)]
    public int WebhookRetryDelayMilliseconds { get; set; } = 500;
}
