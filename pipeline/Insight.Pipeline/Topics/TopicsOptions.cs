using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Topics;

/// <summary>How unclassified contacts become emerging topics.</summary>
public sealed class TopicsOptions
{
    public const string Section = "Topics";

    /// <summary>Days in the current period (before the as-of date); growth compares it with the period
    /// before. The default is 28.</summary>
    [Range(1, 3650)]
    public int PeriodDays { get; set; } = 28;

    /// <summary>Number of k-means clusters; 0 picks one from the number of unclassified contacts
    /// (the square root of a fifth of them, between 2 and 15). The default is 0.</summary>
    [Range(0, 100)]
    public int Clusters { get; set; }

    /// <summary>Fewest contacts in the current period for a cluster to be a candidate. The default is 10.</summary>
    [Range(1, int.MaxValue)]
    public int MinClusterSize { get; set; } = 10;

    /// <summary>Terms shown per candidate. The default is 8.</summary>
    [Range(1, 50)]
    public int TopTerms { get; set; } = 8;

    /// <summary>Share of top terms (Jaccard) a cluster must share with a candidate of the previous run to
    /// keep its id. The default is 0.3.</summary>
    [Range(0.0, 1.0)]
    public double MatchOverlap { get; set; } = 0.3;

    /// <summary>Seed of k-means. The default is 1.</summary>
    public int Seed { get; set; } = 1;
}
