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
    public static double Fraction(string value, string salt = "") => (Of(salt + "|" + value) >> 11) / (double)(1UL << 53);
}
