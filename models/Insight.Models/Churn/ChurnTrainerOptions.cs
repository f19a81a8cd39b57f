namespace Insight.Models.Churn;

/// <summary>Settings of the FastTree churn model.</summary>
public sealed record ChurnTrainerOptions
{
    /// <summary>Number of trees. The default is 200.</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Leaves per tree. The default is 16.</summary>
    public int Leaves { get; init; } = 16;

    /// <summary>Fewest examples in a leaf. The default is 20.</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 20;

    /// <summary>Learning rate. The default is 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Seed of the ML context. The default is 1.</summary>
    public int Seed { get; init; } = 1;
}
