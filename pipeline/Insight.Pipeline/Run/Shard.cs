namespace Insight.Pipeline.Run;

/// <summary>
/// One of <see cref="Count"/> parts of a stage's work, split by a stable hash of the customer id, so that
/// separate jobs (on separate servers) can each take one. <see cref="Whole"/> is all of it.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static readonly Shard Whole = new(0, 1);

    public bool IsWhole => Count == 1;

    /// <summary>Whether the customer's work falls in this shard; fixed for the id and the count.</summary>
    public bool Contains(string customerId) => IsWhole || Of(customerId, Count) == Index;

    /// <summary>The shard of <paramref name="count"/> a customer id falls in.</summary>
    public static int Of(string customerId, int count) => Math.Min(count - 1, (int)(StableHash.Fraction(customerId, "shard") * count));

    public override string ToString() => $"{Index + 1:D3}-of-{Count:D3}";
}
