using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Builders;

/// <summary>Runs the ingest stage with given sources into a lake in a temp folder.</summary>
internal sealed class IngestHarness : IDisposable
{
    public IngestHarness() => Lake = new ParquetLake(Options.Create(new LakeOptions { Folder = Folder.File("lake") }));

    public TempFolder Folder { get; } = new();

    public ParquetLake Lake { get; }

    public async Task<IngestReport> IngestAsync(IngestOptions options)
    {
        var validation = new IngestOptionsValidator().Validate(null, options);
        validation.Failed.Should().BeFalse(validation.FailureMessage);
        return await new IngestStage(Lake, Options.Create(options), NullLogger<IngestStage>.Instance).RunAsync(CancellationToken.None);
    }

    public Task<IngestReport> IngestAsync(SourceOptions? contacts = null, SourceOptions? purchases = null, SourceOptions? customers = null) =>
        IngestAsync(new IngestOptions { Contacts = contacts ?? new(), Purchases = purchases ?? new(), Customers = customers ?? new() });

    public Task<List<ContactRecord>> ContactsAsync() => Lake.ReadAllAsync<ContactRecord>(LakeTables.Contacts);

    public Task<List<PurchaseRecord>> PurchasesAsync() => Lake.ReadAllAsync<PurchaseRecord>(LakeTables.Purchases);

    public Task<List<QuarantineRecord>> QuarantineAsync() => Lake.ReadAllAsync<QuarantineRecord>(LakeTables.Quarantine);

    public void Dispose() => Folder.Dispose();
}
