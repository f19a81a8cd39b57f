namespace Insight.Pipeline.Ingest;

/// <summary>A row of an ingested table, as de-duplication sees it.</summary>
public interface IIngestedRecord
{
    /// <summary>The id: a later row with the same id replaces this one when it is newer or different.</summary>
    string Key { get; }

    /// <summary>When the source last changed the row; null when the source has no update column.</summary>
    DateTime? UpdatedAt { get; }

    /// <summary>Hash of the stored values.</summary>
    long RowHash { get; set; }

    /// <summary>The time the row is about (contact start, order time), for the table's time span; null for customers.</summary>
    DateTime? EventTime { get; }
}
