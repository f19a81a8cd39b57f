namespace Insight.Pipeline.Evaluate;

/// <summary>How well one tag matches the truth.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Actual">Contacts that truly carry it.</param>
/// <param name="Tagged">Contacts tagged with it.</param>
/// <param name="Precision">Share of the tagged contacts that truly carry it.</param>
/// <param name="Recall">Share of the contacts carrying it that were tagged.</param>
public sealed record TagQuality(string Tag, int Actual, int Tagged, double Precision, double Recall);
