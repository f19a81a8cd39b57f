using Microsoft.ML;

namespace Insight.Models.Tests;

public sealed class ModelCursorsTests
{
    private sealed class Row
    {
        public float Value { get; set; }
    }

    private sealed class Seen
    {
        public int Thread { get; set; }
    }

    [Fact]
    public void Open_NotParallel_ComputesEveryRowOnTheCallingThread()
    {
        var (data, column) = ThreadOfEachRow();

        var threads = Read(ModelCursors.Open(data, [column], parallel: false), column);

        threads.Should().HaveCount(Rows).And.OnlyContain(t => t == Environment.CurrentManagedThreadId);
    }

    [Fact]
    public void Open_Parallel_IsMlNetsOwnCursorThatSplitsTheRowsOverWorkers()
    {
        var (data, column) = ThreadOfEachRow();

        var threads = Read(ModelCursors.Open(data, [column], parallel: true), column);

        // What the label stage avoids: ML.NET computes rows on threads of its own and hands them back.
        threads.Should().HaveCount(Rows).And.Contain(t => t != Environment.CurrentManagedThreadId);
    }

    private const int Rows = 20_000;

    /// <summary>A pipeline with a mapping that records the thread each row is computed on.</summary>
    private static (IDataView Data, DataViewSchema.Column Column) ThreadOfEachRow()
    {
        var ml = new MLContext(1);
        var input = ml.Data.LoadFromEnumerable(Enumerable.Range(0, Rows).Select(i => new Row { Value = i }));
        var data = ml.Transforms.CustomMapping<Row, Seen>((_, seen) => seen.Thread = Environment.CurrentManagedThreadId, contractName: null)
            .Fit(input)
            .Transform(input);
        return (data, data.Schema[nameof(Seen.Thread)]);
    }

    private static List<int> Read(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        using (cursor)
        {
            var getter = cursor.GetGetter<int>(column);
            var threads = new List<int>();
            int thread = 0;
            while (cursor.MoveNext())
            {
                getter(ref thread);
                threads.Add(thread);
            }

            return threads;
        }
    }
}
