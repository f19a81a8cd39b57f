using System.ComponentModel.DataAnnotations;

namespace Insight.Pipeline.Taxonomy;

/// <summary>Where the taxonomy is.</summary>
public sealed class TaxonomyOptions
{
    public const string Section = "Taxonomy";

    /// <summary>Path of the taxonomy file; a relative path is looked up in the working directory, then
    /// beside Insight's assemblies (the executable's folder, or the build output a notebook kernel loaded
    /// them from). The default is <c>config/taxonomy.json</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "config/taxonomy.json";

    /// <summary>The path that exists: as given, or beside Insight's assemblies.</summary>
    public string Resolve()
    {
        if (System.IO.Path.IsPathRooted(Path) || File.Exists(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        string besideAssemblies = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(TaxonomyOptions).Assembly.Location) ?? AppContext.BaseDirectory, Path);
        return File.Exists(besideAssemblies) ? besideAssemblies : System.IO.Path.GetFullPath(Path);
    }
}
