using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Registry;

/// <summary>Where trained models are kept and when a challenger replaces the champion.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>The registry folder: <c>&lt;model&gt;/&lt;version&gt;/</c> under it. The default is <c>models/registry</c> (not committed).</summary>
    [Required]
    public string Folder { get; set; } = "models/registry";

    /// <summary>
    /// How much worse than the champion a challenger may be on the shared hold-out and still be promoted
    /// (in the model's metric: ROC-AUC for churn, macro-F1 for root causes). The default is 0.005.
    /// </summary>
    [Range(0.0, 1.0)]
    public double Tolerance { get; set; } = 0.005;

    /// <summary>
    /// Days before the as-of date whose labelled contacts are the root-cause hold-out: a challenger trains on
    /// the contacts before them and both models are measured on them. Keep it no longer than the retrain
    /// interval, so the champion (trained a retrain ago) has not seen them either. The default is 7.
    /// </summary>
    [Range(1, 365)]
    public int RootCauseHoldoutDays { get; set; } = 7;

    /// <summary>Fewest labelled contacts in the hold-out for a comparison; with fewer the champion stays. The default is 30.</summary>
    [Range(1, 1_000_000)]
    public int MinHoldoutContacts { get; set; } = 30;
}
