using Insight.Pipeline.Taxonomy;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Taxonomy;

public sealed class RootCauseTaxonomyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Load_ShippedTaxonomy_CoversEnoughRootCausesOwnersAndPainPoints()
    {
        var taxonomy = RootCauseTaxonomy.Load(Some.TaxonomyPath);

        taxonomy.RootCauses.Should().HaveCountGreaterThanOrEqualTo(12)
            .And.OnlyContain(r => r.Name.Length > 0 && r.Description.Length > 0 && r.SuggestedFix.Length > 0 && r.SeedPhrases.Count > 0);
        taxonomy.RootCauses.Select(r => r.Owner).Distinct().Should().HaveCountGreaterThanOrEqualTo(5);
        taxonomy.PainPoints.Should().HaveCountGreaterThanOrEqualTo(6).And.OnlyContain(p => p.SeedPhrases.Count > 0);
        taxonomy.Version.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Load_UnknownOwner_NamesFileEntryAndOwner()
    {
        string path = _folder.Write("taxonomy.json", """
            { "version": "1", "owners": [ { "id": "billing", "name": "Billing" } ],
              "rootCauses": [ { "id": "double-charge", "name": "x", "owner": "finance", "description": "d", "suggestedFix": "f", "seedPhrases": [ "twice" ] } ] }
            """);

        var act = () => RootCauseTaxonomy.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*rootCauses[0]*double-charge*finance*");
    }

    [Fact]
    public void Load_DuplicateId_IsRejected()
    {
        string path = _folder.Write("taxonomy.json", """
            { "version": "1", "owners": [ { "id": "billing", "name": "Billing" } ],
              "rootCauses": [
                { "id": "a", "name": "x", "owner": "billing", "description": "d", "suggestedFix": "f", "seedPhrases": [ "p" ] },
                { "id": "a", "name": "y", "owner": "billing", "description": "d", "suggestedFix": "f", "seedPhrases": [ "q" ] } ] }
            """);

        var act = () => RootCauseTaxonomy.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*rootCauses[1]*'a' is used twice*");
    }

    [Fact]
    public void Load_RetiredIdUsedAgain_IsRejected()
    {
        string path = _folder.Write("taxonomy.json", """
            { "version": "2", "owners": [ { "id": "billing", "name": "Billing" } ], "retired": [ "a" ],
              "rootCauses": [ { "id": "a", "name": "x", "owner": "billing", "description": "d", "suggestedFix": "f", "seedPhrases": [ "p" ] } ] }
            """);

        var act = () => RootCauseTaxonomy.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*'a' is listed as retired*new id*");
    }

    [Fact]
    public void Load_ShippedTaxonomy_HasFrustrationCues() =>
        Some.Taxonomy.Frustration.Phrases.Should().NotBeEmpty().And.Subject.Concat(Some.Taxonomy.Frustration.Escalation).Should().OnlyContain(p => p == p.ToLowerInvariant());

    public void Dispose() => _folder.Dispose();
}
