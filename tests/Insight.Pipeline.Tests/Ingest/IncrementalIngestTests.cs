using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Ingest;

/// <summary>Re-ingesting, overlapping exports, updates, and what an interrupted ingest leaves behind.</summary>
public sealed class IncrementalIngestTests : IDisposable
{
    private const string Header = "order_id,customer_id,ordered_at,amount,status,updated_at";
    private readonly IngestHarness _ingest = new();

    private SourceOptions Drop => new() { Path = _ingest.Folder.File("drop") };

    [Fact]
    public async Task SameFileTwice_SecondRunReadsNothing()
    {
        Export("a.csv", "o1,c1,2025-03-01,10,completed,", "o2,c1,2025-03-02,20,completed,");

        await _ingest.IngestAsync(purchases: Drop);
        var second = await _ingest.IngestAsync(purchases: Drop);

        second.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 0 && s.InputsSkipped == 1 && s.TableRows == 2);
        (await _ingest.PurchasesAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task SameContentRewritten_IsReadAgainButAddsNothing()
    {
        string path = Export("a.csv", "o1,c1,2025-03-01,10,completed,");
        await _ingest.IngestAsync(purchases: Drop);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(5));

        var second = await _ingest.IngestAsync(purchases: Drop);

        second.Sources[1].Should().Match<SourceReport>(s => s.RowsRead == 1 && s.Unchanged == 1 && s.Added == 0 && s.TableRows == 1);
    }

    [Fact]
    public async Task OverlappingExport_AddsOnlyTheNewRows()
    {
        Export("monday.csv", "o1,c1,2025-03-01,10,completed,", "o2,c1,2025-03-02,20,completed,", "o3,c2,2025-03-03,30,completed,");
        await _ingest.IngestAsync(purchases: Drop);
        Export("tuesday.csv", "o2,c1,2025-03-02,20,completed,", "o3,c2,2025-03-03,30,completed,", "o4,c2,2025-03-04,40,completed,");

        var second = await _ingest.IngestAsync(purchases: Drop);

        second.Sources[1].Should().Match<SourceReport>(s => s.InputsSkipped == 1 && s.RowsRead == 3 && s.Added == 1 && s.Unchanged == 2 && s.TableRows == 4);
        (await _ingest.PurchasesAsync()).Select(p => p.OrderId).Order().Should().Equal("o1", "o2", "o3", "o4");
    }

    [Fact]
    public async Task NewerUpdateTime_ReplacesTheRow_OlderIsIgnored()
    {
        Export("1.csv", "o1,c1,2025-03-01,10,completed,2025-03-01T10:00:00Z", "o2,c1,2025-03-02,20,completed,2025-03-02T10:00:00Z");
        await _ingest.IngestAsync(purchases: Drop);
        Export("2.csv", "o1,c1,2025-03-01,10,returned,2025-03-05T10:00:00Z", "o2,c1,2025-03-02,99,completed,2025-03-01T00:00:00Z");

        var second = await _ingest.IngestAsync(purchases: Drop);

        second.Sources[1].Should().Match<SourceReport>(s => s.Updated == 1 && s.Unchanged == 1 && s.TableRows == 2);
        var stored = (await _ingest.PurchasesAsync()).OrderBy(p => p.OrderId).ToList();
        stored.Select(p => (p.OrderId, p.Status, p.Amount)).Should().Equal(("o1", "returned", 10.0), ("o2", "completed", 20.0));
        stored[0].UpdatedAt.Should().Be(new DateTime(2025, 3, 5, 10, 0, 0));
    }

    [Fact]
    public async Task WithoutUpdateColumn_ChangedValuesReplace_AndTheTableHasOneRowPerId()
    {
        Export("1.csv", "o1,c1,2025-03-01,10,completed,", "o1,c1,2025-03-01,10,cancelled,", "o2,c1,2025-03-02,20,completed,");
        await _ingest.IngestAsync(purchases: Drop);
        Export("2.csv", "o2,c1,2025-03-02,25,completed,");

        var second = await _ingest.IngestAsync(purchases: Drop);

        second.Sources[1].Updated.Should().Be(1);
        (await _ingest.PurchasesAsync()).OrderBy(p => p.OrderId).Select(p => (p.OrderId, p.Status, p.Amount))
            .Should().Equal(("o1", "cancelled", 10.0), ("o2", "completed", 25.0));
        var manifest = _ingest.Lake.ReadManifest();
        manifest.Tables[LakeTables.Purchases].Rows.Should().Be(2);
        Directory.GetFiles(_ingest.Lake.TableFolder(LakeTables.Purchases)).Select(Path.GetFileName)
            .Should().BeEquivalentTo(manifest.Tables[LakeTables.Purchases].Parts, "replaced parts are deleted");
    }

    [Fact]
    public async Task LeftoversOfACrash_AreRemovedAndNeverRead()
    {
        Export("a.csv", "o1,c1,2025-03-01,10,completed,");
        await _ingest.IngestAsync(purchases: Drop);
        // What a kill -9 in the middle of the next commit leaves: a part not in the manifest, a temp part, a temp manifest.
        string folder = _ingest.Lake.TableFolder(LakeTables.Purchases);
        string listed = _ingest.Lake.ReadManifest().Tables[LakeTables.Purchases].Parts.Single();
        File.Copy(Path.Combine(folder, listed), Path.Combine(folder, "part-000099.parquet"));
        File.WriteAllText(Path.Combine(folder, "part-000100.parquet.tmp"), "half");
        File.WriteAllText(Path.Combine(_ingest.Lake.Folder, IngestManifest.FileName + ".tmp-1"), "{");

        (await _ingest.PurchasesAsync()).Should().ContainSingle("a part the manifest does not list is not part of the table");
        await _ingest.IngestAsync(purchases: Drop);

        Directory.GetFiles(folder).Select(Path.GetFileName).Should().Equal(listed);
        File.Exists(Path.Combine(_ingest.Lake.Folder, IngestManifest.FileName + ".tmp-1")).Should().BeFalse();
    }

    [Fact]
    public async Task EveryCommit_RecordsTheEventSpan_ForTheAsOfDate()
    {
        Export("a.csv", "o1,c1,2025-03-01,10,completed,", "o2,c1,2025-04-02T08:00:00Z,20,completed,");

        var report = await _ingest.IngestAsync(purchases: Drop);
        var again = await _ingest.IngestAsync(purchases: Drop);

        (report.FirstEvent, report.LastEvent).Should().Be((new DateTime(2025, 3, 1), new DateTime(2025, 4, 2, 8, 0, 0)));
        (again.FirstEvent, again.LastEvent).Should().Be((report.FirstEvent, report.LastEvent), "nothing new was read, the lake still spans the same days");
    }

    private string Export(string name, params string[] rows) =>
        _ingest.Folder.Write(Path.Combine("drop", name), Header + "\n" + string.Join('\n', rows) + "\n");

    public void Dispose() => _ingest.Dispose();
}
