namespace Insight.Pipeline.Ingest;

/// <summary>A row failed validation on one field; the row is quarantined with this reason.</summary>
public sealed class RowException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
