namespace Insight.Pipeline.Lake;

/// <summary>The rows of one row group of a lake file, and where they are.</summary>
/// <param name="Path">The Parquet file.</param>
/// <param name="Index">The row group's index in the file.</param>
/// <param name="Rows">Its rows, in the file's order.</param>
public sealed record LakeRowGroup<T>(string Path, int Index, IList<T> Rows);
