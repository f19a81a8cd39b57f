namespace Insight.Models.Text;

/// <summary>Settings of the root-cause classifier.</summary>
public sealed record RootCauseTrainerOptions
{
    /// <summary>Most word n-grams (1-2) kept as features. The default is 30,000.</summary>
    public int MaximumWordNgrams { get; init; } = 30_000;

    /// <summary>Most character trigrams kept as features. The default is 30,000.</summary>
    public int MaximumCharNgrams { get; init; } = 30_000;

    /// <summary>Passes of the SDCA maximum-entropy trainer. The default is 30.</summary>
    public int Iterations { get; init; } = 30;

    /// <summary>Seed of the ML context. The default is 1.</summary>
    public int Seed { get; init; } = 1;
}
