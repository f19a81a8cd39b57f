using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Lake;

/// <summary>Where the lake's Parquet tables live.</summary>
public sealed class LakeOptions
{
    public const string Section = "Lake";

    /// <summary>Folder of the lake, relative to the working directory or absolute. The default is <c>data/lake</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Folder { get; set; } = "data/lake";

    /// <summary>Rows per Parquet row group; readers stream one row group at a time. The default is 100,000.</summary>
    [Range(1_000, 10_000_000)]
    public int RowGroupSize { get; set; } = 100_000;
}
