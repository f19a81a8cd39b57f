using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Insight.Host.Notebooks;

/// <summary>
/// Runs a C# notebook headless, as a .NET Interactive kernel would: the code cells in order as Roslyn script
/// submissions, each continuing the state of the one before, with the notebook's folder as the working
/// directory. Each cell's console output, <c>display</c> calls and final value are written back into it; a cell
/// that throws stops the run with a <see cref="NotebookCellException"/> naming it, after its error is written.
/// </summary>
/// <remarks>
/// Directives at the top of a cell are handled here rather than by a kernel: <c>#r "path.dll"</c> (relative to
/// the notebook) and <c>#r "nuget:Name"</c> reference the runner's own copy of an assembly of that name when it
/// has one, so a notebook's types are the ones Insight runs with; <c>#!csharp</c> and <c>#!time</c> are accepted,
/// and other magics are an error.
/// </remarks>
public sealed partial class NotebookRunner
{
    /// <summary>The namespaces every cell sees, as in the .NET Interactive C# kernel.</summary>
    public static readonly IReadOnlyList<string> Imports =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks"];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs a notebook and writes it back with its outputs.</summary>
    /// <param name="path">The notebook.</param>
    /// <param name="parameters">Values for the variables of its <c>parameters</c> cell, injected in a cell after it.</param>
    /// <param name="outputPath">Where the executed notebook goes; the notebook itself when null.</param>
    /// <param name="progress">Called after each code cell with its number (1-based, counting every cell) and time.</param>
    /// <param name="cancellationToken">Stops between cells and inside cells that observe it.</param>
    public async Task<NotebookRun> RunAsync(
        string path,
        IReadOnlyDictionary<string, string>? parameters = null,
        string? outputPath = null,
        Action<int, TimeSpan>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var notebook = Notebook.Read(path);
        string folder = Path.GetDirectoryName(notebook.Path)!;
        InjectParameters(notebook, parameters ?? new Dictionary<string, string>());
        // Outputs of an earlier run would pass for this run's below a cell that fails.
        foreach (var cell in notebook.Cells.Where(c => Notebook.IsCode(c!)))
        {
            cell!["outputs"] = new JsonArray();
            cell["execution_count"] = null;
        }

        var references = new ReferenceSet();
        references.Add(typeof(NotebookRunner).Assembly);
        var options = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Value)
            .AddReferences(references.TakeNew())
            .WithImports(Imports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(false);

        var globals = new NotebookGlobals();
        var clock = Stopwatch.StartNew();
        int codeCells = 0;
        // Console and working directory belong to the process: one notebook at a time.
        await OneAtATime.WaitAsync(cancellationToken);
        var console = Console.Out;
        string directory = Environment.CurrentDirectory;
        try
        {
            Console.SetOut(new CellWriter(() => globals.Outputs));
            Environment.CurrentDirectory = folder;
            codeCells = await RunCellsAsync(notebook, folder, references, options, globals, outputPath, progress, cancellationToken);
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = directory;
            OneAtATime.Release();
        }

        notebook.Write(outputPath);
        return new NotebookRun(Path.GetFullPath(outputPath ?? notebook.Path), codeCells, clock.Elapsed);
    }

    private static async Task<int> RunCellsAsync(
        Notebook notebook, string folder, ReferenceSet references, ScriptOptions options, NotebookGlobals globals, string? outputPath,
        Action<int, TimeSpan>? progress, CancellationToken cancellationToken)
    {
        ScriptState<object>? state = null;
        int executionCount = 0;
        var cells = notebook.Cells;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!;
            if (!Notebook.IsCode(cell))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            int number = i + 1;
            cell["execution_count"] = ++executionCount;
            globals.Outputs = new CellOutputs();
            var clock = Stopwatch.StartNew();
            (string Name, string Message, IEnumerable<string> Trace)? error = null;
            try
            {
                string code = Prepare(Notebook.SourceOf(cell), folder, references);
                options = options.AddReferences(references.TakeNew());
                state = state is null
                    ? await CSharpScript.RunAsync(code, options, globals, typeof(NotebookGlobals), cancellationToken)
                    : await state.ContinueWithAsync(code, options, cancellationToken);
                if (state.ReturnValue is { } value)
                {
                    globals.Outputs.Result(NotebookFormatter.Format(value), executionCount);
                }
            }
            catch (CompilationErrorException e)
            {
                var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                    .Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}")
                    .ToList();
                error = ("CompilationError", string.Join("; ", errors), errors);
            }
            catch (DirectiveException e)
            {
                error = ("DirectiveError", e.Message, [e.Message]);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var thrown = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
                error = (thrown.GetType().Name, thrown.Message, thrown.ToString().Split('\n').Select(l => l.TrimEnd('\r')));
            }

            if (error is { } failed)
            {
                globals.Outputs.Error(failed.Name, failed.Message, failed.Trace);
            }

            cell["outputs"] = new JsonArray([.. globals.Outputs.Items]);
            if (error is { } thrownError)
            {
                notebook.Write(outputPath);
                string firstLine = Notebook.SourceOf(cell).Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
                throw new NotebookCellException(notebook.Path, number, $"{thrownError.Name}: {thrownError.Message}", firstLine);
            }

            progress?.Invoke(number, clock.Elapsed);
        }

        return executionCount;
    }

    /// <summary>The cell's code with its leading directives handled and blanked (so line numbers still match the cell's).</summary>
    private static string Prepare(string source, string folder, ReferenceSet references)
    {
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (ReferenceDirective().Match(line) is { Success: true } reference)
            {
                Reference(reference.Groups["target"].Value, folder, references);
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string magic = line.Split(' ', 2)[0];
                if (magic is not ("#!csharp" or "#!c#" or "#!C#" or "#!time"))
                {
                    throw new DirectiveException($"line {i + 1}: the magic command {magic} needs the .NET Interactive kernel; the headless runner runs C# only (#!csharp, #!time).");
                }
            }
            else
            {
                break;
            }

            lines[i] = "";
        }

        return string.Join('\n', lines);
    }

    /// <summary>References what <c>#r</c> names: the runner's own assembly of that name when it has one, else the file.</summary>
    private static void Reference(string target, string folder, ReferenceSet references)
    {
        if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            string package = target["nuget:".Length..].Split(',')[0].Trim();
            references.Add(TryLoad(package) ?? throw new DirectiveException(
                $"#r \"{target}\": the headless runner does not restore packages, and {package} is not among the assemblies Insight runs with; reference a built assembly by path instead."));
            return;
        }

        string path = Path.GetFullPath(Path.Combine(folder, target));
        var assembly = TryLoad(Path.GetFileNameWithoutExtension(path));
        if (assembly is null)
        {
            if (!File.Exists(path))
            {
                throw new DirectiveException($"#r \"{target}\": '{path}' does not exist (build the solution first: dotnet build).");
            }

            assembly = Assembly.LoadFrom(path);
        }

        references.Add(assembly);
    }

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static List<MetadataReference> LoadFrameworkReferences()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new List<MetadataReference>();
        foreach (string file in Directory.GetFiles(runtime, "*.dll").Order(StringComparer.Ordinal))
        {
            try
            {
                _ = AssemblyName.GetAssemblyName(file);
                references.Add(MetadataReference.CreateFromFile(file));
            }
            catch (BadImageFormatException)
            {
                // A native library beside the managed ones.
            }
        }

        return references;
    }

    /// <summary>Variables of the <c>parameters</c> cell given new values in a cell inserted after it (any injected before is replaced).</summary>
    private static void InjectParameters(Notebook notebook, IReadOnlyDictionary<string, string> parameters)
    {
        var cells = notebook.Cells;
        for (int i = cells.Count - 1; i >= 0; i--)
        {
            if (Notebook.HasTag(cells[i]!, Notebook.InjectedParametersTag))
            {
                cells.RemoveAt(i);
            }
        }

        if (parameters.Count == 0)
        {
            return;
        }

        int index = -1;
        for (int i = 0; i < cells.Count && index < 0; i++)
        {
            if (Notebook.IsCode(cells[i]!) && Notebook.HasTag(cells[i]!, Notebook.ParametersTag))
            {
                index = i;
            }
        }

        if (index < 0)
        {
            throw new InvalidDataException($"Notebook '{notebook.Path}' has no cell tagged '{Notebook.ParametersTag}', so it takes no parameters.");
        }

        var declared = Declaration().Matches(Notebook.SourceOf(cells[index]!))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim(), StringComparer.Ordinal);
        var code = new List<string> { "// Parameters given to insight notebook run" };
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!declared.TryGetValue(name, out string? original))
            {
                throw new InvalidDataException($"Notebook '{notebook.Path}' has no parameter '{name}'; its parameters are {string.Join(", ", declared.Keys)}.");
            }

            code.Add($"var {name} = {Literal(name, value, original)};");
        }

        cells.Insert(index + 1, Notebook.CodeCell(string.Join('\n', code), Notebook.InjectedParametersTag));
    }

    /// <summary>A parameter's value as C#, of the kind its declaration has: a string, a number or a bool.</summary>
    private static string Literal(string name, string value, string original)
    {
        if (original.StartsWith('"') || original.StartsWith("@\"", StringComparison.Ordinal))
        {
            return SymbolDisplay.FormatLiteral(value, quote: true);
        }

        if (bool.TryParse(value, out bool flag) && original is "true" or "false")
        {
            return flag ? "true" : "false";
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && double.TryParse(original.TrimEnd('d', 'D', 'm', 'M', 'f', 'F', 'L', 'l'), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        throw new InvalidDataException($"Parameter '{name}' is declared as {original}; '{value}' is not a value of that kind.");
    }

    [GeneratedRegex("""^#r\s+"(?<target>[^"]+)"\s*$""")]
    private static partial Regex ReferenceDirective();

    [GeneratedRegex(@"^\s*var\s+(?<name>[A-Za-z_]\w*)\s*=\s*(?<value>[^;]+);", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    /// <summary>A directive the runner cannot honour.</summary>
    private sealed class DirectiveException(string message) : Exception(message);

    /// <summary>Assemblies referenced so far, each with the assemblies it references, by name.</summary>
    private sealed class ReferenceSet
    {
        private readonly HashSet<string> _names = new(FrameworkReferences.Value.Select(r => Path.GetFileNameWithoutExtension(r.Display!)), StringComparer.OrdinalIgnoreCase);
        private readonly List<MetadataReference> _new = [];

        public void Add(Assembly assembly)
        {
            if (!_names.Add(assembly.GetName().Name!))
            {
                return;
            }

            if (!assembly.IsDynamic && assembly.Location.Length > 0)
            {
                _new.Add(MetadataReference.CreateFromFile(assembly.Location));
            }

            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (!_names.Contains(name.Name!) && TryLoad(name.FullName) is { } referenced)
                {
                    Add(referenced);
                }
            }
        }

        public IReadOnlyList<MetadataReference> TakeNew()
        {
            var taken = _new.ToList();
            _new.Clear();
            return taken;
        }
    }
}

/// <summary>A notebook run that went through every code cell.</summary>
public sealed record NotebookRun(string OutputPath, int CodeCells, TimeSpan Elapsed);

/// <summary>A cell of a notebook threw (or did not compile); its error is written into the notebook.</summary>
public sealed class NotebookCellException(string notebook, int cell, string error, string firstLine)
    : Exception($"{Path.GetFileName(notebook)}, cell {cell} ({firstLine}): {error}")
{
    public string Notebook { get; } = notebook;

    /// <summary>The cell's number, counting every cell from 1 (as editors show them).</summary>
    public int Cell { get; } = cell;

    public string Error { get; } = error;
}
