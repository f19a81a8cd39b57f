namespace Insight.Pipeline.Run;

/// <summary>The stages of a run, in the order they run.</summary>
public static class PipelineStages
{
    public const string Ingest = "ingest";
    public const string Label = "label";
    public const string Topics = "topics";
    public const string Resolve = "resolve";
    public const string Churn = "churn";
    public const string Rank = "rank";
    public const string Alerts = "alerts";
    public const string Summarize = "summarize";

    public static readonly IReadOnlyList<string> Order = [Ingest, Label, Topics, Resolve, Churn, Rank, Alerts, Summarize];
}
