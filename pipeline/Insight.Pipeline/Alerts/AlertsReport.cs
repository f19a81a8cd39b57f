namespace Insight.Pipeline.Alerts;

/// <summary>What the alerts stage of a run did.</summary>
/// <param name="DaysChecked">Days checked for spikes.</param>
/// <param name="Spikes">Spike alerts raised this run (new keys only).</param>
/// <param name="CustomersChecked">Customers with new contacts whose risk was scored before and after them.</param>
/// <param name="HighRiskCustomers">Customer alerts raised this run.</param>
/// <param name="AlreadyRaised">Alerts found again this run but raised before (deduplicated by key).</param>
/// <param name="Delivered">Alerts POSTed to the webhook this run, earlier failures included.</param>
/// <param name="Undelivered">Alerts the webhook did not accept; tried again next run.</param>
/// <param name="CustomerAlertsNote">Why customer alerts were not checked, when they were not.</param>
/// <param name="Output">The alert log.</param>
/// <param name="DriftAlerts">Drift alerts raised this run (once per model version).</param>
/// <param name="Drift">Drift between the champions' training windows and the current one.</param>
public sealed record AlertsReport(
    int DaysChecked,
    int Spikes,
    int CustomersChecked,
    int HighRiskCustomers,
    int AlreadyRaised,
    int Delivered,
    int Undelivered,
    string? CustomerAlertsNote,
    string Output,
    int DriftAlerts = 0,
    DriftReport? Drift = null);
