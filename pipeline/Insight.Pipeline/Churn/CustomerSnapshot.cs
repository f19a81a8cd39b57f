namespace Insight.Pipeline.Churn;

/// <summary>A customer's features at an as-of date, with the context that turns them into reasons.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Values">Feature values in the order of <see cref="CustomerFeatureBuilder.Names"/>.</param>
/// <param name="ExpectedSpendPerDay">Spend per day over the last year (or the customer's tenure, if shorter).</param>
/// <param name="MainRootCause">The root cause the customer contacted about most in the last 90 days, if any.</param>
public sealed record CustomerSnapshot(string CustomerId, float[] Values, double ExpectedSpendPerDay, string? MainRootCause);
