using System.Text.Json.Nodes;
using Insight.Pipeline.Evaluate;
using Insight.Pipeline.Ingest;

namespace Insight.Pipeline.Run;

/// <summary>The run summary written to <c>out/run-summary.json</c>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AsOf">The date it is as of.</param>
/// <param name="FinishedAt">When the summary was written.</param>
/// <param name="Inputs">Rows read, stored, merged and quarantined per input.</param>
/// <param name="Metrics">The headline model metrics.</param>
/// <param name="Truth">Comparison with the demo world's truth, when a truth folder is configured.</param>
/// <param name="Stages">Every stage's own report with its elapsed time.</param>
/// <param name="Outputs">The files the run wrote.</param>
/// <param name="Models">The registry versions the run labelled and scored with (<c>root-causes</c>, <c>churn</c>).</param>
/// <param name="Drift">Drift between the champions' training windows and this run's (PSI per churn feature, root-cause mix, unclassified share).</param>
public sealed record RunSummary(
    string RunId,
    DateTime AsOf,
    DateTimeOffset FinishedAt,
    IReadOnlyList<SourceReport> Inputs,
    RunMetrics Metrics,
    TruthReport? Truth,
    IReadOnlyDictionary<string, JsonNode> Stages,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, string?>? Models = null,
    Alerts.DriftReport? Drift = null);

/// <summary>The headline model metrics of a run.</summary>
/// <param name="RootCauseMode">What the classifier was trained on.</param>
/// <param name="RootCauseHoldoutAccuracy">Accuracy on held-out dispositions (noisy labels).</param>
/// <param name="UnclassifiedShare">Share of contacts the classifier abstained on.</param>
/// <param name="RootCauseTruthAccuracy">Accuracy against the demo world's truth, when known.</param>
/// <param name="ChurnValidationRocAuc">ROC-AUC of the churn model on the later window; null when churn was not scored (no purchases).</param>
/// <param name="ChurnValidationPrAuc">PR-AUC on the later window.</param>
/// <param name="ChurnTopDecileLift">Top-decile lift on the later window.</param>
/// <param name="ChurnBrier">Brier score on the later window.</param>
/// <param name="ChurnBgNbdRocAuc">ROC-AUC of BG/NBD probability alive alone on the same rows: the baseline.</param>
public sealed record RunMetrics(
    string RootCauseMode,
    double RootCauseHoldoutAccuracy,
    double UnclassifiedShare,
    double? RootCauseTruthAccuracy,
    double? ChurnValidationRocAuc,
    double? ChurnValidationPrAuc,
    double? ChurnTopDecileLift,
    double? ChurnBrier,
    double? ChurnBgNbdRocAuc = null);
