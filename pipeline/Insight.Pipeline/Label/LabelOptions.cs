using System.ComponentModel.DataAnnotations;
using Insight.Models.Text;

namespace Insight.Pipeline.Label;

/// <summary>How contacts are labelled with root causes and pain points.</summary>
public sealed class LabelOptions
{
    public const string Section = "Labeling";

    /// <summary>The precision the accepted root-cause predictions must reach on the hold-out; the confidence
    /// threshold is the lowest that reaches it, and contacts below it are <c>unclassified</c>. Measured against
    /// held-out dispositions, which are themselves noisy, so a target above their own accuracy abstains on
    /// nearly everything. The default is 0.85.</summary>
    [Range(0.0, 1.0)]
    public double TargetPrecision { get; set; } = 0.85;

    /// <summary>Share of correctly predicted held-out contacts whose top probability may fall below the
    /// novelty floor; a contact below the floor is unlike what the model learnt (often a root cause the
    /// taxonomy lacks) and is left <c>unclassified</c> for the emerging topics. 0 turns the floor off.
    /// The default is 0.02.</summary>
    [Range(0.0, 0.5)]
    public double NoveltyQuantile { get; set; } = 0.02;

    /// <summary>A fixed confidence threshold that replaces the one chosen for <see cref="TargetPrecision"/>;
    /// unset by default.</summary>
    [Range(0.0, 1.0)]
    public double? MinConfidence { get; set; }

    /// <summary>Fewest contacts with a known disposition needed to train on dispositions; with fewer, the
    /// classifier trains on weak labels from the taxonomy's seed phrases. The default is 200.</summary>
    [Range(1, int.MaxValue)]
    public int MinLabelledContacts { get; set; } = 200;

    /// <summary>Share of the labelled contacts held out to measure accuracy and calibrate the confidence. The default is 0.2.</summary>
    [Range(0.05, 0.5)]
    public double HoldoutShare { get; set; } = 0.2;

    /// <summary>A pain point is tagged when one of its seed phrases is in the customer's words or its model's
    /// probability reaches this. The default is 0.5.</summary>
    [Range(0.0, 1.0)]
    public double PainPointThreshold { get; set; } = 0.5;

    /// <summary>Most examples the root-cause classifier learns from, on each side of the recent hold-out window:
    /// a stable sample by contact id when there are more, so training time stops growing with the lake while
    /// labelling still covers every contact. The default is 20,000.</summary>
    [Range(100, int.MaxValue)]
    public int MaxTrainingExamples { get; set; } = 20_000;

    /// <summary>Most contacts the pain-point taggers learn from (a stable sample by contact id). The default is 30,000.</summary>
    [Range(100, int.MaxValue)]
    public int MaxPainPointExamples { get; set; } = 30_000;

    /// <summary>Seed of the classifiers' training. The default is 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How the root-cause classifier reads text: n-gram lengths and counts, TF-IDF, numbers, stop words
    /// (see <see cref="TextFeatureOptions"/>; its defaults are the defaults here).</summary>
    public TextFeatureOptions Text { get; set; } = new();

    /// <summary>Passes of the root-cause trainer over the data. The default is 10.</summary>
    [Range(1, 1000)]
    public int Iterations { get; set; } = 10;

    /// <summary>The root-cause trainer's settings.</summary>
    public RootCauseTrainerOptions ToTrainerOptions() => new() { Seed = Seed, Features = Text, Iterations = Iterations };
}
