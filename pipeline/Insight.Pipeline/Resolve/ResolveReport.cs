namespace Insight.Pipeline.Resolve;

/// <summary>The outcome of resolution analytics.</summary>
/// <param name="Issues">Issues found.</param>
/// <param name="JudgedIssues">Issues old enough to judge (opened at least the repeat window before the as-of date).</param>
/// <param name="FcrRate">Share of judged issues resolved first time.</param>
/// <param name="FcrByChannel">FCR rate of judged issues by the channel of their first contact.</param>
public sealed record ResolveReport(int Issues, int JudgedIssues, double FcrRate, IReadOnlyDictionary<string, double> FcrByChannel);
