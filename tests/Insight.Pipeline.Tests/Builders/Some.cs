using Insight.Pipeline.Taxonomy;

namespace Insight.Pipeline.Tests.Builders;

/// <summary>Values a test does not care about.</summary>
internal static class Some
{
    public static readonly DateTime Day0 = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime Day(double days) => Day0.AddDays(days);

    public static string TaxonomyPath => Path.Combine(RepoRoot, "config", "taxonomy.json");

    /// <summary>The repository root, found from the test's output folder.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Insight.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Insight.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static RootCauseTaxonomy Taxonomy => RootCauseTaxonomy.Load(TaxonomyPath);
}
