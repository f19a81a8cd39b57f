using Microsoft.ML;

namespace Insight.Models.Evaluation;

/// <summary>Area under the ROC curve of any score against yes/no outcomes, computed by ML.NET's binary evaluator.</summary>
public static class RocAuc
{
    /// <summary>The chance that a positive scores above a negative; 0.5 when either class is missing.</summary>
    public static double Of(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        if (labels.Count != scores.Count)
        {
            throw new ArgumentException("Labels and scores differ in number.", nameof(scores));
        }

        if (labels.Distinct().Count() < 2)
        {
            return 0.5;
        }

        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(labels.Zip(scores, (l, s) => new Scored { Label = l, Score = s, PredictedLabel = s >= 0.5f }));
        return ml.BinaryClassification.EvaluateNonCalibrated(data).AreaUnderRocCurve;
    }

    private sealed class Scored
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        /// <summary>The evaluator wants one; the area under the curve does not depend on it.</summary>
        public bool PredictedLabel { get; set; }
    }
}
