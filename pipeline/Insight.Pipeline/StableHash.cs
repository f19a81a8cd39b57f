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
        ulong hash = 14695981039346656037UL;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A number in [0, 1) fixed for the value and the salt.</summary>
    public static double Fraction(string value, string salt = "") => (Of(salt + "|" + value) >> 11) / (double)(1UL << 53);
}
