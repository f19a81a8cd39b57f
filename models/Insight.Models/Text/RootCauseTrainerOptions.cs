namespace Insight.Models.Text;

/// <summary>Settings of the root-cause classifier.</summary>
public sealed record RootCauseTrainerOptions
{
    /// <summary>How text becomes features.</summary>
    public TextFeatureOptions Features { get; init; } = new();

    /// <summary>Passes of the averaged perceptron over the data. The default is 10.</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>Characters of a text the classifier reads (the start of the customer's words); the rest of a
    /// very long transcript adds cost, not accuracy. The default is 4,000.</summary>
    public int MaxTextLength { get; init; } = 4_000;

    /// <summary>Seed of the ML context. The default is 1.</summary>
    public int Seed { get; init; } = 1;
}
