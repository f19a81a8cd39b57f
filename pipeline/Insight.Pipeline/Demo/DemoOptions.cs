using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Demo;

/// <summary>The demo world that <c>insight run</c> generates when no input is configured.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Number of customers. The default is 4,000.</summary>
    [Range(10, 50_000_000)]
    public int Customers { get; set; } = 4_000;

    /// <summary>Days of history. The default is 400.</summary>
    [Range(30, 3_650)]
    public int Days { get; set; } = 400;

    /// <summary>Seed of the simulation. The default is 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>First day of the simulated history (UTC). The default is 2025-01-01.</summary>
    public DateTime Start { get; set; } = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A root cause the world makes four times as frequent, always resolved first time and never a reason to
    /// leave: frequent but harmless, to check that the ranking puts a rarer root cause that drives churn
    /// above it. Empty (the default) leaves the world as it is.
    /// </summary>
    public string? HarmlessRootCause { get; set; }

    /// <summary>
    /// Problems per order times this: about this many times the contacts per customer, with each problem's
    /// chance to drive churn divided by it, so purchases and churn stay much as they are. For benchmarks that
    /// need more contacts per customer. The default is 1.
    /// </summary>
    [Range(DemoWorldGenerator.MinContactRate, DemoWorldGenerator.MaxContactRate)]
    public double ContactRate { get; set; } = 1;

    /// <summary>Where the demo world's files are written. The default is <c>data/demo</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Folder { get; set; } = "data/demo";
}
