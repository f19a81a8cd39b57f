using static Insight.Pipeline.Churn.ChurnFeatureNames;

namespace Insight.Pipeline.Churn;

/// <summary>
/// The data-dependent part of the churn features: which owners, root causes, pain points and channels get
/// a count of their own. Chosen at training time and saved with the model as its feature names, from
/// which <see cref="FromNames"/> recovers it.
/// </summary>
public sealed record ChurnFeatureLayout
{
    /// <summary>Owner ids: contacts about each owner's root causes in the last 90 days.</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>The main root causes: issues about each in the last 90 days.</summary>
    public IReadOnlyList<string> RootCauses { get; init; } = [];

    /// <summary>Pain-point ids: contacts showing each in the last 90 days.</summary>
    public IReadOnlyList<string> PainPoints { get; init; } = [];

    /// <summary>Channels: contacts through each in the last 90 days.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>All feature names in vector order: the fixed ones, then owners, root causes, pain points and channels.</summary>
    public IReadOnlyList<string> Names() =>
    [
        .. Fixed,
        .. Owners.Select(o => OwnerContactsPrefix + o),
        .. RootCauses.Select(r => RootCauseIssuesPrefix + r),
        .. PainPoints.Select(p => PainPointContactsPrefix + p),
        .. Channels.Select(c => ChannelContactsPrefix + c),
    ];

    /// <summary>The layout behind a saved model's feature names.</summary>
    /// <exception cref="InvalidDataException">The names do not start with the fixed features of this version.</exception>
    public static ChurnFeatureLayout FromNames(IReadOnlyList<string> names)
    {
        if (names.Count < Fixed.Count || !names.Take(Fixed.Count).SequenceEqual(Fixed, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"The model's features do not start with this version's fixed churn features ({string.Join(", ", Fixed)}); retrain it.");
        }

        var rest = names.Skip(Fixed.Count).ToList();
        IReadOnlyList<string> With(string prefix) => [.. rest.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n[prefix.Length..])];
        var layout = new ChurnFeatureLayout
        {
            Owners = With(OwnerContactsPrefix),
            RootCauses = With(RootCauseIssuesPrefix),
            PainPoints = With(PainPointContactsPrefix),
            Channels = With(ChannelContactsPrefix),
        };
        if (!layout.Names().SequenceEqual(names, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"The model's features are not in an order this version writes: {string.Join(", ", rest)}.");
        }

        return layout;
    }
}
