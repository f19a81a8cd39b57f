namespace Insight.Models.Text;

/// <summary>How contact text becomes features (see <see cref="TextFeaturizer"/>).</summary>
public sealed record TextFeatureOptions
{
    /// <summary>Longest word n-gram; all shorter lengths are kept too. The default is 2.</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>
    /// Longest character n-gram; 0 for word n-grams only. The default is 3: on banking77 (5-fold cross-validation
    /// on train.csv) character 1-3-grams score as 1-4 and 1-5 do (macro-F1 0.898, 0.898, 0.897), and they make
    /// the classifier about a third faster to train and to predict (fewer n-grams per text, a smaller dictionary).
    /// </summary>
    public int CharNgrams { get; init; } = 3;

    /// <summary>Keep every character n-gram length up to <see cref="CharNgrams"/>, not just the longest. The default is true.</summary>
    public bool AllCharLengths { get; init; } = true;

    /// <summary>Most word n-grams kept (the most frequent). The default is 50,000.</summary>
    public int MaximumWordNgrams { get; init; } = 50_000;

    /// <summary>Most character n-grams kept (the most frequent). The default is 100,000.</summary>
    public int MaximumCharNgrams { get; init; } = 100_000;

    /// <summary>Weight n-grams by TF-IDF rather than term frequency. The default is true.</summary>
    public bool TfIdf { get; init; } = true;

    /// <summary>Keep digits in the text (order numbers are noise; amounts rarely help). The default is false.</summary>
    public bool KeepNumbers { get; init; }

    /// <summary>Drop common English stop words before making word n-grams. The default is false.</summary>
    public bool RemoveStopWords { get; init; }
}
