using Insight.Pipeline.Rank;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Rank;

public sealed class FixMadeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Read_DatesAndTimes_AreUtcAndTheNoteIsOptional()
    {
        string path = _folder.File("fixes.csv");
        File.WriteAllText(path, "root_cause,fixed_at\nmis-pick,2025-03-01\ndouble-charge,2025-04-02T09:30:00Z\n");

        var fixes = FixMade.Read(path, Some.Taxonomy);

        fixes.Should().Equal(
            new FixMade("mis-pick", new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), ""),
            new FixMade("double-charge", new DateTime(2025, 4, 2, 9, 30, 0, DateTimeKind.Utc), ""));
        fixes.Should().OnlyContain(f => f.FixedAt.Kind == DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("root_cause,fixed_at,note\nmis-pick,2025-03-01,ok\nteleport-failure,2025-03-02,x\n", "*fixes.csv, row 3, field root_cause: 'teleport-failure'*")]
    [InlineData("root_cause,fixed_at,note\nmis-pick,last tuesday,x\n", "*fixes.csv, row 2, field fixed_at: 'last tuesday'*")]
    [InlineData("cause,when\nmis-pick,2025-03-01\n", "*fixes.csv, row 1: no 'root_cause' column*")]
    public void Read_BadRow_NamesTheFileRowAndField(string content, string message)
    {
        string path = _folder.File("fixes.csv");
        File.WriteAllText(path, content);

        var act = () => FixMade.Read(path, Some.Taxonomy);

        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    public void Dispose() => _folder.Dispose();
}
