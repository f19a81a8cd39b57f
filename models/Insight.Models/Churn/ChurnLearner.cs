using System.Text.Json.Serialization;

namespace Insight.Models.Churn;

/// <summary>The gradient-boosted trees the churn model is trained with. Both give calibrated probabilities and per-feature contributions.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChurnLearner>))]
public enum ChurnLearner
{
    /// <summary>ML.NET's FastTree, Platt-calibrated on the training rows; one thread, so the same data and seed give the same trees.</summary>
    FastTree,

    /// <summary>LightGBM (native, histogram-based, one thread per core), the default: about three times faster to train than FastTree here; the same data and seed gave the same trees on 1 and 2 threads.</summary>
    LightGbm,
}
