namespace Insight.Pipeline.Run;

/// <summary>What every stage of one run shares: its id and the date it is as of.</summary>
public sealed record RunContext(string RunId, DateTime AsOf);
