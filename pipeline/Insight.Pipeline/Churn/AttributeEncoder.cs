using System.Globalization;
using System.Text.Json;

namespace Insight.Pipeline.Churn;

/// <summary>
/// Turns customers' attributes (text by column, see <c>Input:Customers:Attributes</c>) into numbers: a
/// column whose every present value is a number stays one feature (missing values are NaN, which the
/// trees treat as missing); any other column becomes one 0/1 feature per value seen when fitting, so
/// a value met only later sets none of them. Fitted on training rows only.
/// </summary>
public sealed class AttributeEncoder
{
    public const string Prefix = "attr_";

    private readonly List<(string Column, string? Level)> _slots;

    private AttributeEncoder(List<(string Column, string? Level)> slots)
    {
        _slots = slots;
        Names = [.. slots.Select(s => s.Level is null ? Prefix + s.Column : $"{Prefix}{s.Column}={s.Level}")];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the attributes JSON of a customer record; an empty map for null.</summary>
    public static IReadOnlyDictionary<string, string?> Parse(string? attributes) =>
        attributes is null ? new Dictionary<string, string?>() : JsonSerializer.Deserialize<Dictionary<string, string?>>(attributes) ?? [];

    public static AttributeEncoder Fit(IEnumerable<IReadOnlyDictionary<string, string?>> rows)
    {
        var values = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var (column, value) in row)
            {
                if (!values.TryGetValue(column, out var list))
                {
                    values[column] = list = [];
                }

                if (value is not null)
                {
                    list.Add(value);
                }
            }
        }

        var slots = new List<(string, string?)>();
        foreach (var (column, present) in values)
        {
            if (present.Count > 0 && present.All(v => IsNumber(v)))
            {
                slots.Add((column, null));
            }
            else
            {
                slots.AddRange(present.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(level => (column, (string?)level)));
            }
        }

        return new AttributeEncoder(slots);
    }

    public float[] Encode(IReadOnlyDictionary<string, string?> row)
    {
        var features = new float[_slots.Count];
        for (int i = 0; i < _slots.Count; i++)
        {
            var (column, level) = _slots[i];
            string? value = row.GetValueOrDefault(column);
            features[i] = level is null
                ? value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? (float)number : float.NaN
                : string.Equals(value, level, StringComparison.Ordinal) ? 1 : 0;
        }

        return features;
    }

    private static bool IsNumber(string value) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number);
}
