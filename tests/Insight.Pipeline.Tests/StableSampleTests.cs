namespace Insight.Pipeline.Tests;

public sealed class StableSampleTests
{
    private static readonly List<string> Ids = [.. Enumerable.Range(0, 5_000).Select(i => $"contact-{i}")];

    [Fact]
    public void Offer_MoreThanCapacity_KeepsTheIdsWithTheSmallestFractions()
    {
        var sample = new StableSample<int>(100, "salt");
        for (int i = 0; i < Ids.Count; i++)
        {
            int index = i;
            sample.Offer(Ids[i], () => index);
        }

        var expected = Ids.OrderBy(id => StableHash.Fraction(id, "salt")).Take(100).Order(StringComparer.Ordinal).ToList();
        sample.Count.Should().Be(100);
        sample.Offered.Should().Be(5_000);
        sample.ToList().Select(e => e.Id).Should().Equal(expected, "the sample is the bottom 100 by hash, in id order");
        sample.ToList().Should().OnlyContain(e => Ids[e.Item] == e.Id);
    }

    [Fact]
    public void Offer_AnyOrder_MakesTheSameSample()
    {
        var forward = new StableSample<string>(250, "s");
        var shuffled = new StableSample<string>(250, "s");
        foreach (string id in Ids)
        {
            forward.Offer(id, () => id);
        }

        foreach (string id in Ids.OrderBy(id => StableHash.Fraction(id, "shuffle")))
        {
            shuffled.Offer(id, () => id);
        }

        shuffled.ToList().Should().Equal(forward.ToList());
    }

    [Fact]
    public void Offer_FewerThanCapacity_KeepsEveryItemAndMakesOnlyThoseKept()
    {
        var sample = new StableSample<string>(10, "s");
        int made = 0;
        foreach (string id in Ids.Take(7))
        {
            sample.Offer(id, () => { made++; return id; });
        }

        sample.ToList().Select(e => e.Id).Should().BeEquivalentTo(Ids.Take(7));
        made.Should().Be(7);

        var small = new StableSample<string>(3, "s");
        made = 0;
        foreach (string id in Ids)
        {
            small.Offer(id, () => { made++; return id; });
        }

        made.Should().BeLessThan(200, "an item is only made when it is (for now) among the kept");
        var construct = () => new StableSample<int>(0, "s");
        construct.Should().Throw<ArgumentOutOfRangeException>();
    }
}
