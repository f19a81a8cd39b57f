namespace Insight.Models.Churn;

/// <summary>Settings of the churn model's gradient-boosted trees.</summary>
public sealed record ChurnTrainerOptions
{
    /// <summary>Which trees are trained. The default is <see cref="ChurnLearner.LightGbm"/>.</summary>
    public ChurnLearner Learner { get; init; } = ChurnLearner.LightGbm;

    /// <summary>Number of trees (boosting iterations). The default is 100.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Leaves per tree. The default is 8.</summary>
    public int Leaves { get; init; } = 8;

    /// <summary>Fewest examples in a leaf. The default is 20.</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 20;

    /// <summary>Learning rate. The default is 0.05.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Seed of the ML context (and of LightGBM). The default is 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The trainer as a model card names it.</summary>
    public string TrainerName => Learner switch
    {
        ChurnLearner.FastTree => "FastTreeBinary+Platt",
        _ => "LightGbmBinary+Platt",
    };
}
