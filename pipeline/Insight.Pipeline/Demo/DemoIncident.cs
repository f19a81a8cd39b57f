namespace Insight.Pipeline.Demo;

/// <summary>The injected incident: one root cause whose rate spikes between two dates and drives churn.</summary>
public sealed record DemoIncident(string RootCause, DateTime Start, DateTime End);
