using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Tests.Builders;
using Microsoft.Extensions.Options;

namespace Insight.Pipeline.Tests.Lake;

public sealed class ParquetLakeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Write_ManyRows_ReadsBackInRowGroupsWithSameValues()
    {
        var lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.Path, RowGroupSize = 1_000 }));
        var rows = Enumerable.Range(0, 2_500).Select(i => PurchaseBuilder.On($"c{i % 7}", i / 10.0, amount: i)).ToList();

        await lake.WriteAsync("purchases", rows, new Dictionary<string, string> { ["k"] = "v" });

        var read = await lake.ReadAllAsync<PurchaseRecord>("purchases");
        read.Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        (await lake.ReadMetadataAsync("purchases")).Should().Contain("k", "v").And.ContainKey(ParquetLake.SchemaVersionKey);
        await using var reader = await Parquet.ParquetReader.CreateAsync(lake.PathOf("purchases"));
        reader.RowGroupCount.Should().Be(3);
    }

    [Fact]
    public async Task Write_WhenSerializationFails_LeavesPreviousTableAndNoTemporaryFile()
    {
        var lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.Path }));
        await lake.WriteAsync("purchases", [PurchaseBuilder.On("c1", 1)]);

        var act = () => lake.WriteAsync("purchases", Failing());

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await lake.ReadAllAsync<PurchaseRecord>("purchases")).Should().ContainSingle();
        Directory.GetFiles(_folder.Path).Should().ContainSingle();
    }

    [Fact]
    public async Task Write_Stream_WritesEachRowGroupBeforeReadingTheNextRows()
    {
        var lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.Path, RowGroupSize = 1_000 }));
        long bytesWhenHalfRead = -1;
        IEnumerable<PurchaseRecord> Rows()
        {
            for (int i = 0; i < 3_000; i++)
            {
                if (i == 1_500)
                {
                    bytesWhenHalfRead = Directory.GetFiles(_folder.Path, "purchases.parquet.tmp-*").Sum(f => new FileInfo(f).Length);
                }

                yield return PurchaseBuilder.On($"c{i}", i / 10.0);
            }
        }

        await lake.WriteAsync("purchases", Rows());

        bytesWhenHalfRead.Should().BeGreaterThan(0, "the first row group is on disk before the rest of the rows are produced");
        (await lake.ReadAllAsync<PurchaseRecord>("purchases")).Should().HaveCount(3_000);
    }

    [Fact]
    public async Task Read_MissingTable_NamesTheTable()
    {
        var lake = new ParquetLake(Options.Create(new LakeOptions { Folder = _folder.Path }));

        var act = async () => await lake.ReadAllAsync<PurchaseRecord>("issues");

        await act.Should().ThrowAsync<FileNotFoundException>().WithMessage("*'issues'*");
    }

    private static IEnumerable<PurchaseRecord> Failing()
    {
        yield return PurchaseBuilder.On("c1", 1);
        throw new InvalidOperationException("export broke mid-way");
    }

    public void Dispose() => _folder.Dispose();
}
