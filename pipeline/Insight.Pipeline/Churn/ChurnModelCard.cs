using System.Text.Json;
using Insight.Models.Churn;
using Insight.Models.Evaluation;

namespace Insight.Pipeline.Churn;

/// <summary>What a trained churn model is, written beside it as <c>&lt;model&gt;.card.json</c>.</summary>
/// <param name="Label">How churn is defined: transactional (no purchase within the horizon) or subscription (a cancellation within it).</param>
/// <param name="HorizonDays">The horizon of the label.</param>
/// <param name="TrainAsOf">The as-of date of the training rows.</param>
/// <param name="ValidationAsOf">The as-of date of the validation rows (a later window).</param>
/// <param name="TrainingRows">Training rows.</param>
/// <param name="TrainingChurnRate">Share of churners among them.</param>
/// <param name="Validation">Quality on the later window, with its reliability table.</param>
/// <param name="BgNbdRocAuc">BG/NBD probability alive alone on the same validation rows.</param>
/// <param name="Trainer">Trainer and its settings.</param>
/// <param name="Features">Feature names in vector order.</param>
/// <param name="Importance">Permutation importance on the validation rows, largest first.</param>
/// <param name="Buying">The BG/NBD parameters the features were built with, so a later job can score with the saved model.</param>
/// <param name="HistoryFrom">The day of the first purchase in the history it learned from.</param>
/// <param name="FeatureProfile">Each feature's distribution over the training rows (decile bins): what drift is measured against.</param>
public sealed record ChurnModelCard(
    string Label,
    int HorizonDays,
    DateTime TrainAsOf,
    DateTime ValidationAsOf,
    int TrainingRows,
    double TrainingChurnRate,
    BinaryReport Validation,
    double? BgNbdRocAuc,
    IReadOnlyDictionary<string, object> Trainer,
    IReadOnlyList<string> Features,
    IReadOnlyList<FeatureImportance> Importance,
    BgNbd? Buying = null,
    DateTime? HistoryFrom = null,
    IReadOnlyList<FeatureBins>? FeatureProfile = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string modelPath) => modelPath + ".card.json";

    public void Write(string modelPath) => File.WriteAllText(PathFor(modelPath), JsonSerializer.Serialize(this, Json));

    public static ChurnModelCard Read(string modelPath) =>
        JsonSerializer.Deserialize<ChurnModelCard>(File.ReadAllText(PathFor(modelPath)), Json)
            ?? throw new InvalidDataException($"'{PathFor(modelPath)}' is empty.");
}
