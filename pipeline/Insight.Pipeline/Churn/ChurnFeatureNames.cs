namespace Insight.Pipeline.Churn;

/// <summary>The churn model's features, in vector order. Counts per owner, main root cause, pain point and
/// channel follow the fixed ones (see <see cref="ChurnFeatureLayout"/>).</summary>
public static class ChurnFeatureNames
{
    public const string DaysSinceLastOrder = "days_since_last_order";
    public const string Orders30 = "orders_30";
    public const string Orders90 = "orders_90";
    public const string Orders365 = "orders_365";
    public const string Spend30 = "spend_30";
    public const string Spend90 = "spend_90";
    public const string Spend365 = "spend_365";
    public const string AverageGapDays = "avg_gap_days";
    public const string GapRatio = "gap_ratio";
    public const string OrderTrend = "order_trend";
    public const string TenureDays = "tenure_days";
    public const string Returns365 = "returns_365";
    public const string ProbabilityAlive = "p_alive";
    public const string Contacts30 = "contacts_30";
    public const string Contacts90 = "contacts_90";
    public const string Issues90 = "issues_90";
    public const string UnresolvedIssues90 = "unresolved_issues_90";
    public const string RepeatContacts90 = "repeat_contacts_90";
    public const string Transfers90 = "transfers_90";
    public const string MaxAgentsPerIssue90 = "max_agents_per_issue_90";
    public const string MaxFrustration90 = "max_frustration_90";
    public const string FrustratedContacts90 = "frustrated_contacts_90";
    public const string DaysSinceLastContact = "days_since_last_contact";
    public const string BoughtSinceLastContact = "bought_since_last_contact";
    public const string OwnerContactsPrefix = "contacts_90_";
    public const string RootCauseIssuesPrefix = "issues_90_";
    public const string PainPointContactsPrefix = "pain_90_";
    public const string ChannelContactsPrefix = "channel_90_";

    /// <summary>Frustration (0 to 1) from which a contact counts as frustrated.</summary>
    public const double FrustratedFrom = 0.5;

    public static readonly IReadOnlyList<string> Fixed =
    [
        DaysSinceLastOrder, Orders30, Orders90, Orders365, Spend30, Spend90, Spend365, AverageGapDays, GapRatio, OrderTrend,
        TenureDays, Returns365, ProbabilityAlive, Contacts30, Contacts90, Issues90, UnresolvedIssues90, RepeatContacts90, Transfers90,
        MaxAgentsPerIssue90, MaxFrustration90, FrustratedContacts90, DaysSinceLastContact, BoughtSinceLastContact,
    ];

    /// <summary>True for the counts per owner, root cause, pain point and channel (see <see cref="ChurnFeatureLayout"/>).</summary>
    public static bool IsItemCount(string name) =>
        name.StartsWith(OwnerContactsPrefix, StringComparison.Ordinal) || name.StartsWith(RootCauseIssuesPrefix, StringComparison.Ordinal)
            || name.StartsWith(PainPointContactsPrefix, StringComparison.Ordinal) || name.StartsWith(ChannelContactsPrefix, StringComparison.Ordinal);

    /// <summary>True for features about contacts rather than buying.</summary>
    public static bool IsContactFeature(string name) =>
        IsItemCount(name)
            || name is Contacts30 or Contacts90 or Issues90 or UnresolvedIssues90 or RepeatContacts90 or Transfers90 or MaxAgentsPerIssue90
                or MaxFrustration90 or FrustratedContacts90 or DaysSinceLastContact or BoughtSinceLastContact;
}
