using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Taxonomy;

/// <summary>Where the taxonomy is.</summary>
public sealed class TaxonomyOptions
{
    public const string Section = "Taxonomy";

    /// <summary>Path of the taxonomy file; a relative path is looked up in the working directory, then
    /// beside the executable. The default is <c>config/taxonomy.json</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "config/taxonomy.json";

    /// <summary>The path that exists: as given, or beside the executable.</summary>
    public string Resolve()
    {
        if (System.IO.Path.IsPathRooted(Path) || File.Exists(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        string besideExecutable = System.IO.Path.Combine(AppContext.BaseDirectory, Path);
        return File.Exists(besideExecutable) ? besideExecutable : System.IO.Path.GetFullPath(Path);
    }
}
