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

    /// <summary>Population stability index above which a churn feature, or the root-cause mix, counts as drifted and a retrain is recommended.</summary>
    [Range(0.01, 10.0)]
    public double DriftPsi { get; set; } = 0.25;

    /// <summary>
    /// Share of the churn model's importance (its ROC-AUC drop when a feature is shuffled) that drifted features
    /// must carry for a retrain to be recommended: a shift in features the model hardly uses changes little.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DriftImportanceShare { get; set; } = 0.2;

    /// <summary>Rise in the share of unclassified contacts, above what the classifier left unclassified on its hold-out, that recommends a retrain.</summary>
    [Range(0.01, 1.0)]
    public double DriftUnclassifiedShift { get; set; } = 0.10;

    /// <summary>Days before the as-of date whose contacts are the current window of the root-cause drift.</summary>
    [Range(1, 365)]
    public int DriftWindowDays { get; set; } = 28;

    /// <summary>When set, every alert is also POSTed here as JSON; failed deliveries are retried, within a run and on the next.</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>Attempts per delivery within a run (exponential back-off between them).</summary>
    [Range(1, 10)]
    public int WebhookAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry, doubled for each one after.</summary>
    [Range(0, 60_000)]
    public int WebhookRetryDelayMilliseconds { get; set; } = 500;
}
