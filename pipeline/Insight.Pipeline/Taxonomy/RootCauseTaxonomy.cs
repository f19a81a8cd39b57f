using System.Text.Json;

namespace Insight.Pipeline.Taxonomy;

/// <summary>
/// The contract for what contacts can be about: root causes with their owners, and pain points.
/// Loaded from <c>config/taxonomy.json</c>.
/// </summary>
public sealed class RootCauseTaxonomy
{
    /// <summary>The label given to a contact the classifier is not confident about.</summary>
    public const string Unclassified = "unclassified";

    private readonly Dictionary<string, RootCause> _byId;

    public RootCauseTaxonomy(string version, IReadOnlyList<Owner> owners, IReadOnlyList<RootCause> rootCauses, IReadOnlyList<PainPoint> painPoints,
        FrustrationCues? frustration = null, IReadOnlyList<string>? retired = null)
    {
        Version = version;
        Owners = owners;
        RootCauses = rootCauses;
        PainPoints = painPoints;
        Frustration = frustration ?? FrustrationCues.None;
        Retired = retired ?? [];
        _byId = rootCauses.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public string Version { get; }

    public IReadOnlyList<Owner> Owners { get; }

    public IReadOnlyList<RootCause> RootCauses { get; }

    public IReadOnlyList<PainPoint> PainPoints { get; }

    /// <summary>Wording that shows frustration; scored per contact.</summary>
    public FrustrationCues Frustration { get; }

    /// <summary>Root-cause ids of earlier versions that were withdrawn; they are never reused for something else.</summary>
    public IReadOnlyList<string> Retired { get; }

    public bool Contains(string rootCauseId) => _byId.ContainsKey(rootCauseId);

    public RootCause Get(string rootCauseId) =>
        _byId.TryGetValue(rootCauseId, out var rootCause)
            ? rootCause
            : throw new KeyNotFoundException($"Root cause '{rootCauseId}' is not in taxonomy {Version}.");

    /// <summary>The owning department of a root cause, or <c>customer-care</c>'s fallback "unassigned".</summary>
    public string OwnerOf(string rootCauseId) => _byId.TryGetValue(rootCauseId, out var rootCause) ? rootCause.Owner : "unassigned";

    /// <summary>Loads and validates a taxonomy file; errors name the file and the offending entry.</summary>
    public static RootCauseTaxonomy Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Taxonomy file '{path}' does not exist.", path);
        }

        TaxonomyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<TaxonomyFile>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Taxonomy file '{path}' is not valid JSON: {e.Message}", e);
        }

        if (file is null || string.IsNullOrWhiteSpace(file.Version))
        {
            throw new InvalidDataException($"Taxonomy file '{path}': 'version' is required.");
        }

        var owners = file.Owners ?? [];
        var ownerIds = owners.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var rootCauses = file.RootCauses ?? [];
        if (rootCauses.Count == 0)
        {
            throw new InvalidDataException($"Taxonomy file '{path}': 'rootCauses' is empty.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rootCause, index) in rootCauses.Select((r, i) => (r, i)))
        {
            string where = $"Taxonomy file '{path}': rootCauses[{index}]";
            if (string.IsNullOrWhiteSpace(rootCause.Id) || rootCause.Id == Unclassified)
            {
                throw new InvalidDataException($"{where}: 'id' is missing or reserved.");
            }

            if (!seen.Add(rootCause.Id))
            {
                throw new InvalidDataException($"{where}: id '{rootCause.Id}' is used twice.");
            }

            if (!ownerIds.Contains(rootCause.Owner))
            {
                throw new InvalidDataException($"{where} ('{rootCause.Id}'): owner '{rootCause.Owner}' is not one of the owners.");
            }

            if (rootCause.SeedPhrases is not { Count: > 0 })
            {
                throw new InvalidDataException($"{where} ('{rootCause.Id}'): 'seedPhrases' is empty.");
            }
        }

        var retired = file.Retired ?? [];
        foreach (string id in retired.Where(seen.Contains))
        {
            throw new InvalidDataException($"Taxonomy file '{path}': root cause '{id}' is listed as retired and used again; a retired id never comes back with another meaning, so give the root cause a new id.");
        }

        var painPoints = file.PainPoints ?? [];
        var painIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (painPoint, index) in painPoints.Select((p, i) => (p, i)))
        {
            string where = $"Taxonomy file '{path}': painPoints[{index}]";
            if (string.IsNullOrWhiteSpace(painPoint.Id) || painPoint.Id.Contains(PainPointSeparator, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{where}: 'id' is missing or contains '{PainPointSeparator}'.");
            }

            if (!painIds.Add(painPoint.Id))
            {
                throw new InvalidDataException($"{where}: id '{painPoint.Id}' is used twice.");
            }

            if (painPoint.SeedPhrases is not { Count: > 0 })
            {
                throw new InvalidDataException($"{where} ('{painPoint.Id}'): 'seedPhrases' is empty.");
            }
        }

        var frustration = file.Frustration is null ? FrustrationCues.None : new FrustrationCues(file.Frustration.Phrases ?? [], file.Frustration.Escalation ?? []);
        return new RootCauseTaxonomy(file.Version, owners, rootCauses, painPoints, frustration, retired);
    }

    /// <summary>Separates pain-point ids where a contact's tags are stored as one text.</summary>
    public const char PainPointSeparator = ';';

    private sealed record TaxonomyFile(string Version, List<Owner>? Owners, List<RootCause>? RootCauses, List<PainPoint>? PainPoints, CuesFile? Frustration, List<string>? Retired);

    private sealed record CuesFile(List<string>? Phrases, List<string>? Escalation);
}
