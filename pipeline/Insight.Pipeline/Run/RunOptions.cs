namespace Insight.Pipeline.Run;

/// <summary>Settings of one pass of the pipeline.</summary>
public sealed class RunOptions
{
    public const string Section = "Run";

    /// <summary>The date the run is as of (UTC midnight). The default is empty: the day after the latest
    /// contact or purchase in the data, so re-running on the same data gives the same output.</summary>
    public DateTime? AsOf { get; set; }

    /// <summary>Where the lists and the run summary are written. The default is <c>out</c>.</summary>
    public string OutputFolder { get; set; } = "out";
}
