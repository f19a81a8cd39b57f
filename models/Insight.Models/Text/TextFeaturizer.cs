using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Insight.Models.Text;

/// <summary>
/// The text features every text model shares: TF-IDF weighted word n-grams and character n-grams of the
/// normalised text, each capped to its most frequent n-grams, concatenated and L2-normalised.
/// </summary>
internal static class TextFeaturizer
{
    private const string Normalized = "TextNormalized";
    private const string Words = "TextWords";
    private const string WordsKept = "TextWordsKept";
    private const string WordKeys = "TextWordKeys";
    private const string WordGrams = "TextWordGrams";
    private const string Chars = "TextChars";
    private const string CharGrams = "TextCharGrams";
    private const string Joined = "TextJoined";

    /// <summary>The estimator chain from the <paramref name="input"/> text column to the <paramref name="output"/> feature vector.</summary>
    public static IEstimator<ITransformer> Build(MLContext ml, TextFeatureOptions options, string input, string output)
    {
        var weighting = options.TfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf;
        var words = ml.Transforms.Text.NormalizeText(Normalized, input, TextNormalizingEstimator.CaseMode.Lower, keepDiacritics: false, keepPunctuations: false, keepNumbers: options.KeepNumbers)
            .Append(ml.Transforms.Text.TokenizeIntoWords(Words, Normalized));
        var wordGrams = options.RemoveStopWords
            ? words.Append(ml.Transforms.Text.RemoveDefaultStopWords(WordsKept, Words)).Append(ml.Transforms.Conversion.MapValueToKey(WordKeys, WordsKept))
            : words.Append(ml.Transforms.Conversion.MapValueToKey(WordKeys, Words));
        var dropped = new List<string> { Normalized, Words, WordKeys, WordGrams };
        if (options.RemoveStopWords)
        {
            dropped.Add(WordsKept);
        }

        var grams = wordGrams.Append(ml.Transforms.Text.ProduceNgrams(WordGrams, WordKeys, options.WordNgrams, skipLength: 0, useAllLengths: true, options.MaximumWordNgrams, weighting));
        if (options.CharNgrams == 0)
        {
            return grams
                .Append(ml.Transforms.NormalizeLpNorm(output, WordGrams, LpNormNormalizingEstimatorBase.NormFunction.L2))
                .Append(ml.Transforms.DropColumns([.. dropped]));
        }

        return grams
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys(Chars, Normalized, useMarkerCharacters: true))
            .Append(ml.Transforms.Text.ProduceNgrams(CharGrams, Chars, options.CharNgrams, skipLength: 0, useAllLengths: options.AllCharLengths, options.MaximumCharNgrams, weighting))
            .Append(ml.Transforms.Concatenate(Joined, WordGrams, CharGrams))
            .Append(ml.Transforms.NormalizeLpNorm(output, Joined, LpNormNormalizingEstimatorBase.NormFunction.L2))
            .Append(ml.Transforms.DropColumns([.. dropped, Chars, CharGrams, Joined]));
    }
}
