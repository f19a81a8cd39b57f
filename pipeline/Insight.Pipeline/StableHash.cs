namespace Insight.Pipeline;

/// <summary>
/// A hash of a string that is the same in every process and on every machine (unlike
/// <see cref="string.GetHashCode()"/>), for stable splits, shards and samples by id.
/// </summary>
public static class StableHash
{
    /// <summary>64-bit FNV-1a of the string's UTF-16 code units.</summary>
    public static ulong Of(string value)
    {
        ulong hash = Seed;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The starting value for <see cref="Add"/>.</summary>
    public const ulong Seed = 14695981039346656037UL;

    /// <summary>One hash of several values in order (nulls included), for telling a changed row from a re-sent one.</summary>
    public static long OfValues(params string?[] values)
    {
        ulong hash = Seed;
        foreach (string? value in values)
        {
            hash = Add(hash, value);
        }

        return unchecked((long)hash);
    }

    /// <summary>Continues a hash with one more value; a null adds a marker, so (null, "a") and ("a", null) differ.</summary>
    public static ulong Add(ulong hash, string? value)
    {
        if (value is null)
        {
            return (hash ^ 0xFFFF) * 1099511628211UL;
        }

        foreach (char c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash ^ 0x1F) * 1099511628211UL;
    }

    /// <summary>A number in [0, 1) fixed for the value and the salt.</summary>
    /// <remarks>
    /// FNV-1a alone mixes the last characters poorly into the high bits, so ids that differ only at the
    /// end (<c>row-1</c>, <c>row-2</c>...) would fall in runs; the SplitMix64 finaliser spreads them.
    /// </remarks>
    public static double Fraction(string value, string salt = "") => (Mix(Of(salt + "|" + value)) >> 11) / (double)(1UL << 53);

    /// <summary>The SplitMix64 finaliser: every input bit affects every output bit.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
