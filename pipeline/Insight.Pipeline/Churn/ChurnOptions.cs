using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Churn;

/// <summary>How churn is defined, trained and turned into an at-risk list.</summary>
public sealed class ChurnOptions
{
    public const string Section = "Churn";

    public const string Transactional = "transactional";
    public const string Subscription = "subscription";

    /// <summary>
    /// What churn means. <c>transactional</c> (the default): no purchase within the horizon. <c>subscription</c>:
    /// the customer's cancellation (customers' <c>CancelledAt</c>) falls within the horizon; customers who
    /// cancelled before the as-of date are already lost.
    /// </summary>
    [RegularExpression("^(transactional|subscription)$")]
    public string Label { get; set; } = Transactional;

    /// <summary>A customer has churned when they make no purchase within this many days after the as-of
    /// date. The model is trained at as-of minus twice this and validated at as-of minus this. The default is 90.</summary>
    [Range(7, 730)]
    public int HorizonDays { get; set; } = 90;

    /// <summary>How many of the root causes most contacted about before the training date get a feature
    /// of their own (issues about it in the last 90 days). The default is 8.</summary>
    [Range(0, 100)]
    public int RootCauseFeatures { get; set; } = 8;

    /// <summary>How many of the most used channels get a feature of their own. The default is 6.</summary>
    [Range(0, 50)]
    public int ChannelFeatures { get; set; } = 6;

    /// <summary>Budget of training rows over all training dates: a base larger than this divided by
    /// <see cref="TrainingSnapshots"/> is sampled by a stable hash of the id, for training and validation
    /// (every customer is still scored). The default is 400,000.</summary>
    [Range(1_000, 100_000_000)]
    public int TrainingRows { get; set; } = 400_000;

    /// <summary>Which gradient-boosted trees the churn model is trained with: <c>LightGbm</c> (native, one thread
    /// per core, about three times faster to train than FastTree, as accurate; see README, "Side by side with
    /// scikit-learn") or <c>FastTree</c> (ML.NET's own, one thread). The default is LightGbm.</summary>
    public Insight.Models.Churn.ChurnLearner Learner { get; set; } = Insight.Models.Churn.ChurnLearner.LightGbm;

    /// <summary>Trees. The default is 100 (with the learning rate, little boosting: churn data sets
    /// are often a few thousand customers, and 200 trees at 0.1 overfit them).</summary>
    [Range(1, 5_000)]
    public int Trees { get; set; } = 100;

    /// <summary>Leaves per tree. The default is 8.</summary>
    [Range(2, 1_024)]
    public int Leaves { get; set; } = 8;

    /// <summary>Learning rate. The default is 0.05.</summary>
    [Range(0.001, 1.0)]
    public double LearningRate { get; set; } = 0.05;

    /// <summary>Fewest customers in a leaf. The default is 20.</summary>
    [Range(1, 100_000)]
    public int MinimumExamplesPerLeaf { get; set; } = 20;

    /// <summary>
    /// Training dates: the training date and this many minus one earlier ones, <see cref="SnapshotSpacingDays"/>
    /// apart (while at least 30 days after the first purchase). Every label window ends by the validation
    /// date, so validation stays unseen. The default is 12.
    /// </summary>
    [Range(1, 60)]
    public int TrainingSnapshots { get; set; } = 12;

    /// <summary>Days between training dates. The default is 30.</summary>
    [Range(1, 365)]
    public int SnapshotSpacingDays { get; set; } = 30;

    /// <summary>Seed of training. The default is 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Lowest churn probability for which an active customer's reasons and owner are worked out (they
    /// cost more than the score; below it, or already lost, the customer is on no list). Keep it at or below <c>Ranking:AtRiskMinProbability</c>. The default is 0.25.</summary>
    [Range(0.0, 1.0)]
    public double ReasonsFrom { get; set; } = 0.25;

    /// <summary>Probability from which a customer is in the high tier. The default is 0.5.</summary>
    [Range(0.0, 1.0)]
    public double HighRiskThreshold { get; set; } = 0.5;

    /// <summary>Probability from which a customer is in the medium tier. The default is 0.25.</summary>
    [Range(0.0, 1.0)]
    public double MediumRiskThreshold { get; set; } = 0.25;

    /// <summary>Suggested action by the owner of the customer's main root cause when the top reason is a
    /// contact; the <c>default</c> entry when it is their buying. The default has one entry per shipped owner.</summary>
    [Required]
    public Dictionary<string, string> Actions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The trainer settings of these options.</summary>
    public Insight.Models.Churn.ChurnTrainerOptions ToTrainerOptions() => new()
    {
        Learner = Learner,
        Trees = Trees,
        Leaves = Leaves,
        MinimumExamplesPerLeaf = MinimumExamplesPerLeaf,
        LearningRate = LearningRate,
        Seed = Seed,
    };
}
