namespace Insight.Pipeline;

/// <summary>
/// A sample of at most <see cref="Capacity"/> items from a stream of any length, in bounded memory: the items
/// whose ids have the smallest <see cref="StableHash.Fraction"/> (bottom-k sampling). The same ids make the same
/// sample whatever their order and however the stream is split, so a model trained on it is reproducible.
/// </summary>
/// <typeparam name="T">What is kept of an item.</typeparam>
public sealed class StableSample<T>(int capacity, string salt)
{
    // The largest kept fraction is at the top, to be replaced by a smaller one.
    private readonly PriorityQueue<(string Id, T Item), (double Fraction, string Id)> _kept = new(
        Comparer<(double Fraction, string Id)>.Create((a, b) => b.Fraction != a.Fraction ? b.Fraction.CompareTo(a.Fraction) : string.CompareOrdinal(b.Id, a.Id)));

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A sample holds at least one item.");

    /// <summary>Items offered.</summary>
    public long Offered { get; private set; }

    /// <summary>Items kept so far.</summary>
    public int Count => _kept.Count;

    /// <summary>Offers an item; <paramref name="make"/> is only called when it is kept (for now).</summary>
    public void Offer(string id, Func<T> make)
    {
        Offered++;
        double fraction = StableHash.Fraction(id, salt);
        if (_kept.Count < Capacity)
        {
            _kept.Enqueue((id, make()), (fraction, id));
            return;
        }

        _kept.TryPeek(out _, out var largest);
        if (fraction < largest.Fraction || (fraction == largest.Fraction && string.CompareOrdinal(id, largest.Id) < 0))
        {
            _kept.EnqueueDequeue((id, make()), (fraction, id));
        }
    }

    /// <summary>The kept items with their ids, in id order (ordinal).</summary>
    public List<(string Id, T Item)> ToList() => [.. _kept.UnorderedItems.Select(e => e.Element).OrderBy(e => e.Id, StringComparer.Ordinal)];

    /// <summary>The kept items in id order (ordinal).</summary>
    public List<T> Items() => ToList().ConvertAll(e => e.Item);
}
