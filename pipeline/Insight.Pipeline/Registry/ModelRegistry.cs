using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Insight.Pipeline.Lake;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Registry;

/// <summary>
/// The registry of trained models: <c>&lt;folder&gt;/&lt;model&gt;/&lt;version&gt;/</c> holds a version's
/// <c>model.zip</c> (with whatever else loading it needs) and its <c>card.json</c>;
/// <c>&lt;model&gt;/champion.json</c> says which version scoring uses (and which it used before, for a
/// rollback); <c>&lt;model&gt;/decisions.jsonl</c> keeps every champion/challenger decision with its reason.
/// Versions are never changed once registered.
/// </summary>
public sealed class ModelRegistry(IOptions<RegistryOptions> options, TimeProvider time)
{
    public const string RootCauses = "root-causes";
    public const string Churn = "churn";
    public const string CardFile = "card.json";
    private const string ChampionFile = "champion.json";
    private const string DecisionsFile = "decisions.jsonl";

    /// <summary>The models the registry keeps.</summary>
    public static readonly IReadOnlyList<string> Models = [RootCauses, Churn];

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions Line = new(Json) { WriteIndented = false };

    /// <summary>The Insight build: its version and the commit it was built from.</summary>
    public static string CodeVersion { get; } =
        typeof(ModelRegistry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public string Folder => Path.GetFullPath(options.Value.Folder);

    public double Tolerance => options.Value.Tolerance;

    /// <summary>A new empty folder inside the registry to write a model's files into before <see cref="Register"/>.</summary>
    public string NewStagingFolder(string model)
    {
        string folder = Path.Combine(ModelFolder(model), $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Registers the files of <paramref name="stagingFolder"/> (from <see cref="NewStagingFolder"/>) as the next
    /// version of the model, with the card (its version, time and fingerprint filled in). A model whose card
    /// matches a registered version's (the same training again) is that version: nothing new is stored.
    /// </summary>
    public ModelVersion Register(string stagingFolder, ModelCard card)
    {
        RequireKnown(card.Model);
        string fingerprint = FingerprintOf(card);
        var versions = Versions(card.Model);
        if (versions.FirstOrDefault(v => v.Card.Fingerprint == fingerprint) is { } same)
        {
            Directory.Delete(stagingFolder, recursive: true);
            return same;
        }

        for (int number = versions.Select(v => Number(v.Version)).DefaultIfEmpty(0).Max() + 1; ; number++)
        {
            var registered = card with { Version = $"v{number}", CreatedAt = time.GetUtcNow(), Fingerprint = fingerprint };
            JsonFile.Write(Path.Combine(stagingFolder, CardFile), registered, Json);
            string folder = Path.Combine(ModelFolder(card.Model), registered.Version);
            try
            {
                // A rename: the version appears whole or not at all, and two trainers cannot take one number.
                Directory.Move(stagingFolder, folder);
                return new ModelVersion(registered, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
            }
        }
    }

    /// <summary>Every registered version of the model, oldest first.</summary>
    public IReadOnlyList<ModelVersion> Versions(string model)
    {
        RequireKnown(model);
        string folder = ModelFolder(model);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateDirectories(folder, "v*")
                .Where(d => File.Exists(Path.Combine(d, CardFile)) && int.TryParse(Path.GetFileName(d)[1..], out _))
                .Select(Load)
                .OrderBy(v => Number(v.Version))]
            : [];
    }

    /// <summary>A registered version; <paramref name="version"/> as <c>v3</c> or <c>3</c>.</summary>
    public ModelVersion Get(string model, string version)
    {
        RequireKnown(model);
        string name = version.StartsWith('v') ? version : "v" + version;
        string folder = Path.Combine(ModelFolder(model), name);
        if (File.Exists(Path.Combine(folder, CardFile)))
        {
            return Load(folder);
        }

        string registered = string.Join(", ", Versions(model).Select(v => v.Version));
        throw new ArgumentException($"{model} has no version '{version}' in {ModelFolder(model)}; registered: {(registered.Length > 0 ? registered : "none")}.", nameof(version));
    }

    /// <summary>The version scoring uses, or null when none has been promoted.</summary>
    public ModelVersion? Champion(string model)
    {
        var state = ReadChampion(model);
        return state.Stack.Count == 0 ? null : Get(model, state.Stack[^1]);
    }

    /// <summary>Champion changes, oldest first.</summary>
    public IReadOnlyList<ChampionChange> History(string model) => ReadChampion(model).Changes;

    /// <summary>Makes a version the champion.</summary>
    public void Promote(string model, string version, string reason)
    {
        var promoted = Get(model, version);
        var state = ReadChampion(model);
        if (state.Stack.Count > 0 && state.Stack[^1] == promoted.Version)
        {
            return;
        }

        state.Stack.Add(promoted.Version);
        state.Changes.Add(new ChampionChange(time.GetUtcNow(), "promote", promoted.Version, reason));
        JsonFile.Write(Path.Combine(ModelFolder(model), ChampionFile), state, Json);
    }

    /// <summary>Goes back to the champion before the current one; returns it.</summary>
    public ModelVersion Rollback(string model, string reason)
    {
        var state = ReadChampion(model);
        if (state.Stack.Count < 2)
        {
            throw new InvalidOperationException(state.Stack.Count == 0
                ? $"{model} has no champion to roll back."
                : $"{model} has had one champion ({state.Stack[0]}): there is nothing to roll back to.");
        }

        string from = state.Stack[^1];
        state.Stack.RemoveAt(state.Stack.Count - 1);
        state.Changes.Add(new ChampionChange(time.GetUtcNow(), "rollback", state.Stack[^1], $"from {from}: {reason}"));
        JsonFile.Write(Path.Combine(ModelFolder(model), ChampionFile), state, Json);
        return Get(model, state.Stack[^1]);
    }

    /// <summary>
    /// Champion/challenger: promotes the challenger when there is no champion, or when its score on the
    /// shared hold-out is at most <see cref="RegistryOptions.Tolerance"/> below the champion's; otherwise the
    /// champion stays. Either way the decision and its reason are recorded.
    /// </summary>
    /// <param name="challenger">The newly trained version.</param>
    /// <param name="champion">The champion it was measured against (null when none).</param>
    /// <param name="metric">The metric's name.</param>
    /// <param name="scores">Both scores on the same hold-out, or null when the hold-out was too small to compare.</param>
    /// <param name="holdoutRows">Rows of the hold-out.</param>
    public PromotionDecision Decide(ModelVersion challenger, ModelVersion? champion, string metric, (double Challenger, double Champion)? scores, int holdoutRows)
    {
        double tolerance = options.Value.Tolerance;
        (bool promote, string reason) = (champion, scores) switch
        {
            (null, _) => (true, "there was no champion"),
            _ when champion.Version == challenger.Version => (false, $"the challenger is the champion {champion.Version} (the same training)"),
            (_, null) => (false, $"the hold-out has {holdoutRows} rows, too few to compare (Registry:MinHoldoutContacts); the champion stays"),
            (_, { } s) when s.Challenger >= s.Champion - tolerance =>
                (true, $"{metric} {s.Challenger:0.0000} is within {tolerance} of the champion's {s.Champion:0.0000} or better"),
            (_, { } s) => (false, $"{metric} {s.Challenger:0.0000} is worse than the champion's {s.Champion:0.0000} by more than {tolerance}"),
        };
        var decision = new PromotionDecision(challenger.Name, time.GetUtcNow(), challenger.Version, champion?.Version, metric,
            scores?.Challenger is { } c ? Math.Round(c, 4) : null, scores?.Champion is { } p ? Math.Round(p, 4) : null, holdoutRows, tolerance, promote, reason);
        Directory.CreateDirectory(ModelFolder(challenger.Name));
        File.AppendAllText(Path.Combine(ModelFolder(challenger.Name), DecisionsFile), JsonSerializer.Serialize(decision, Line) + "\n");
        if (promote)
        {
            Promote(challenger.Name, challenger.Version, reason);
        }

        return decision;
    }

    /// <summary>Every champion/challenger decision on the model, oldest first.</summary>
    public IReadOnlyList<PromotionDecision> Decisions(string model)
    {
        string path = Path.Combine(ModelFolder(model), DecisionsFile);
        return File.Exists(path)
            ? [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<PromotionDecision>(l, Line)!)]
            : [];
    }

    private string ModelFolder(string model) => Path.Combine(Folder, model);

    private static ModelVersion Load(string folder) =>
        new(JsonFile.Read<ModelCard>(Path.Combine(folder, CardFile), Json) ?? throw new InvalidDataException($"'{Path.Combine(folder, CardFile)}' is empty."), folder);

    private ChampionState ReadChampion(string model)
    {
        RequireKnown(model);
        return JsonFile.Read<ChampionState>(Path.Combine(ModelFolder(model), ChampionFile), Json) ?? new ChampionState([], []);
    }

    private static int Number(string version) => int.Parse(version[1..], System.Globalization.CultureInfo.InvariantCulture);

    private static void RequireKnown(string model)
    {
        if (!Models.Contains(model))
        {
            throw new ArgumentException($"Unknown model '{model}'; the registry keeps {string.Join(" and ", Models)}.", nameof(model));
        }
    }

    private static string FingerprintOf(ModelCard card) => HashOf(card with { Version = "", CreatedAt = default, Fingerprint = "", TrainedOn = null });

    /// <summary>The first 16 hex digits of the SHA-256 of a value's JSON: a card's fingerprint, a training's inputs.</summary>
    internal static string HashOf<T>(T value) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, Line)))[..16];

    private sealed record ChampionState(List<string> Stack, List<ChampionChange> Changes);
}

/// <summary>A change of champion: a promotion or a rollback.</summary>
public sealed record ChampionChange(DateTimeOffset At, string Action, string Version, string Reason);
