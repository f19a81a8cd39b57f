namespace Insight.Pipeline.Run;

/// <summary>The stages of a run, in the order they run.</summary>
public static class PipelineStages
{
    public const string Ingest = "ingest";
    public const string Label = "label";
    public const string Topics = "topics";
    public const string Resolve = "resolve";
    public const string Train = "train";
    public const string Churn = "churn";
    public const string Rank = "rank";
    public const string Alerts = "alerts";
    public const string Summarize = "summarize";

    /// <summary>Every stage: a one-off run trains the churn model and scores with it.</summary>
    public static readonly IReadOnlyList<string> Order = [Ingest, Label, Topics, Resolve, Train, Churn, Rank, Alerts, Summarize];

    /// <summary>The daily scheduled run: labels and scores with the registry's champions (the weekly retrain trains challengers; the first run trains the first champions).</summary>
    public static readonly IReadOnlyList<string> Daily = [.. Order.Where(s => s != Train)];

    /// <summary>The weekly retrain: the lake brought up to date, then a new churn model that later runs score with.</summary>
    public static readonly IReadOnlyList<string> Retrain = [Ingest, Label, Train];
}
