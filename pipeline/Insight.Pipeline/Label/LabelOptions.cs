using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Label;

/// <summary>How contacts are labelled with root causes.</summary>
public sealed class LabelOptions
{
    public const string Section = "Labeling";

    /// <summary>Below this confidence a contact is <c>unclassified</c> rather than guessed. The default is 0.35.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.35;

    /// <summary>Fewest contacts with a known disposition needed to train on dispositions; with fewer, the
    /// classifier trains on weak labels from the taxonomy's seed phrases. The default is 200.</summary>
    [Range(1, int.MaxValue)]
    public int MinLabelledContacts { get; set; } = 200;

    /// <summary>Share of the labelled contacts held out to measure accuracy. The default is 0.2.</summary>
    [Range(0.05, 0.5)]
    public double HoldoutShare { get; set; } = 0.2;

    /// <summary>Seed of the classifier's training. The default is 1.</summary>
    public int Seed { get; set; } = 1;
}
