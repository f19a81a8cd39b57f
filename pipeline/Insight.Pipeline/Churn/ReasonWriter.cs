using System.Globalization;
using Insight.Pipeline.Taxonomy;
using static Insight.Pipeline.Churn.ChurnFeatureNames;

namespace Insight.Pipeline.Churn;

/// <summary>Turns a feature that pushed a churn score up into a sentence a retention agent can read.</summary>
public sealed class ReasonWriter(CustomerFeatureBuilder features, RootCauseTaxonomy taxonomy)
{
    /// <summary>
    /// Whether the feature's value is something a person would call a reason for risk. A tree model can
    /// raise a score for the absence of something (no warehouse contacts); that is not a reason to tell
    /// a retention agent.
    /// </summary>
    public bool Explains(string feature, CustomerSnapshot snapshot)
    {
        double value = features.ValueOf(snapshot, feature);
        return feature switch
        {
            _ when IsItemCount(feature) => value > 0,
            Contacts30 or Contacts90 or Issues90 or UnresolvedIssues90 or RepeatContacts90 or Transfers90 or Returns365 or FrustratedContacts90 => value > 0,
            MaxFrustration90 => value >= FrustratedFrom,
            MaxAgentsPerIssue90 => value > 1,
            DaysSinceLastContact => value < 365,
            BoughtSinceLastContact => value == 0,
            _ => true,
        };
    }

    public string Write(string feature, CustomerSnapshot snapshot)
    {
        double V(string name) => features.ValueOf(snapshot, name);
        string N(double value) => Math.Round(value).ToString("0", CultureInfo.InvariantCulture);
        string Money(double value) => value.ToString("0", CultureInfo.InvariantCulture);
        // Only the sentences about contacts name the root cause: it is looked up for those alone.
        string About() => snapshot.MainRootCause is { } rootCause && taxonomy.Contains(rootCause)
            ? $" ({taxonomy.Get(rootCause).Name.ToLowerInvariant()})"
            : "";

        if (feature.StartsWith(OwnerContactsPrefix, StringComparison.Ordinal))
        {
            string owner = feature[OwnerContactsPrefix.Length..];
            string ownerName = taxonomy.Owners.FirstOrDefault(o => o.Id == owner)?.Name ?? owner;
            return $"{N(V(feature))} contact(s) about {ownerName.ToLowerInvariant()} problems in the last 90 days";
        }

        if (feature.StartsWith(RootCauseIssuesPrefix, StringComparison.Ordinal))
        {
            string cause = feature[RootCauseIssuesPrefix.Length..];
            string name = taxonomy.Contains(cause) ? taxonomy.Get(cause).Name.ToLowerInvariant() : cause;
            return $"{N(V(feature))} issue(s) about {name} in the last 90 days";
        }

        if (feature.StartsWith(PainPointContactsPrefix, StringComparison.Ordinal))
        {
            string painPoint = feature[PainPointContactsPrefix.Length..];
            string name = taxonomy.PainPoints.FirstOrDefault(p => p.Id == painPoint)?.Name ?? painPoint;
            return $"{name} on {N(V(feature))} contact(s) in the last 90 days";
        }

        if (feature.StartsWith(ChannelContactsPrefix, StringComparison.Ordinal))
        {
            return $"{N(V(feature))} {feature[ChannelContactsPrefix.Length..]} contact(s) in the last 90 days{About()}";
        }

        return feature switch
        {
            DaysSinceLastOrder or GapRatio => $"No order for {N(V(DaysSinceLastOrder))} days; usually orders every {N(V(AverageGapDays))}",
            Orders30 or Orders90 or OrderTrend => $"Ordering less: {N(V(Orders90))} order(s) in the last 90 days against {N(V(Orders365))} in the year",
            Orders365 => $"Few orders: {N(V(Orders365))} in the last year",
            Spend30 or Spend90 or Spend365 => $"Spend down to {Money(V(Spend90))} in the last 90 days ({Money(V(Spend365))} in the year)",
            AverageGapDays => $"Orders rarely: every {N(V(AverageGapDays))} days on average",
            TenureDays => $"New customer: first order {N(V(TenureDays))} days ago",
            Returns365 => $"{N(V(Returns365))} return(s) in the last year",
            ProbabilityAlive => $"Buying pattern says only {V(ProbabilityAlive):P0} likely still a customer",
            Contacts30 => $"{N(V(Contacts30))} contact(s) in the last 30 days{About()}",
            Contacts90 => $"{N(V(Contacts90))} contact(s) in the last 90 days{About()}",
            Issues90 => $"{N(V(Issues90))} separate issue(s) in the last 90 days{About()}",
            UnresolvedIssues90 => $"{N(V(UnresolvedIssues90))} issue(s) not resolved first time in the last 90 days{About()}",
            RepeatContacts90 => $"Had to come back {N(V(RepeatContacts90))} time(s) about the same problem{About()}",
            Transfers90 => $"Transferred between agents {N(V(Transfers90))} time(s){About()}",
            MaxAgentsPerIssue90 => $"Passed between {N(V(MaxAgentsPerIssue90))} agents on one issue{About()}",
            MaxFrustration90 => $"Sounded very frustrated on a recent contact ({V(MaxFrustration90):0.0} of 1){About()}",
            FrustratedContacts90 => $"Frustrated on {N(V(FrustratedContacts90))} contact(s) in the last 90 days{About()}",
            DaysSinceLastContact => $"Contacted us {N(V(DaysSinceLastContact))} days ago{About()}",
            BoughtSinceLastContact => $"Has not ordered since contacting us {N(V(DaysSinceLastContact))} days ago{About()}",
            _ => $"{feature} is {V(feature).ToString("0.##", CultureInfo.InvariantCulture)}",
        };
    }
}
