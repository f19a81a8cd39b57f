namespace Insight.Models.Churn;

/// <summary>Settings of the FastTree churn model.</summary>
public sealed record ChurnTrainerOptions
{
    /// <summary>Number of trees. The default is 100.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Leaves per tree. The default is 8.</summary>
    public int Leaves { get; init; } = 8;

    /// <summary>Fewest examples in a leaf. The default is 20.</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 20;

    /// <summary>Learning rate. The default is 0.05.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Seed of the ML context. The default is 1.</summary>
    public int Seed { get; init; } = 1;
}
