namespace Insight.Pipeline.Demo;

/// <summary>What a generated demo world holds, written to its <c>manifest.json</c>.</summary>
public sealed record DemoManifest(
    int Seed,
    int Customers,
    int Days,
    DateTime Start,
    DateTime End,
    DemoIncident Incident,
    long Purchases,
    long Contacts,
    long Churners,
    string TaxonomyVersion,
    string? HarmlessRootCause = null,
    double ContactRate = 1,
    int Generator = 0);
