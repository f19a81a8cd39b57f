namespace Insight.Pipeline.Lake;

/// <summary>Column names of the lake tables and output files, in one place.</summary>
public static class Columns
{
    public const string ContactId = "contact_id";
    public const string CustomerId = "customer_id";
    public const string StartedAt = "started_at";
    public const string Channel = "channel";
    public const string AgentId = "agent_id";
    public const string Queue = "queue";
    public const string Disposition = "disposition";
    public const string HandleSeconds = "handle_seconds";
    public const string Transcript = "transcript";
    public const string CustomerText = "customer_text";
    public const string Source = "source";
    public const string SourceRow = "source_row";
    public const string Turns = "turns";
    public const string UpdatedAt = "updated_at";
    public const string RowHash = "row_hash";

    public const string OrderId = "order_id";
    public const string OrderedAt = "ordered_at";
    public const string Amount = "amount";
    public const string Status = "status";

    public const string SignupAt = "signup_at";
    public const string Segment = "segment";
    public const string CancelledAt = "cancelled_at";
    public const string Cancelled = "cancelled";
    public const string Attributes = "attributes";

    public const string File = "file";
    public const string Row = "row";
    public const string Field = "field";
    public const string Reason = "reason";
    public const string Raw = "raw";

    public const string RootCause = "root_cause";
    public const string Owner = "owner";
    public const string Confidence = "confidence";
    public const string TaxonomyVersion = "taxonomy_version";
    public const string PainPoints = "pain_points";
    public const string Frustration = "frustration";
    public const string TopicId = "topic_id";
    public const string TopTerms = "top_terms";
    public const string Size = "size";
    public const string CurrentPeriod = "current_period";
    public const string PreviousPeriod = "previous_period";
    public const string Growth = "growth";
    public const string FirstSeen = "first_seen";
    public const string LastSeen = "last_seen";

    public const string IssueId = "issue_id";
    public const string OpenedAt = "opened_at";
    public const string LastContactAt = "last_contact_at";
    public const string Contacts = "contacts";
    public const string Touches = "touches";
    public const string Transfers = "transfers";
    public const string DistinctAgents = "distinct_agents";
    public const string Channels = "channels";
    public const string FirstChannel = "first_channel";
    public const string ResolvedFirstTime = "resolved_first_time";
    public const string Judged = "judged";
    public const string FirstQueue = "first_queue";
    public const string DaysToLastContact = "days_to_last_contact";
    public const string Role = "role";
    public const string Cost = "cost";
    public const string Dimension = "dimension";
    public const string Value = "value";
    public const string ResolvedFirstTimeIssues = "resolved_first_time_issues";
    public const string RepeatRate = "repeat_rate";
    public const string MeanTouches = "mean_touches";
    public const string MeanAgents = "mean_agents";

    public const string AsOf = "as_of";
    public const string Values = "values";
    public const string ChurnProbability = "churn_probability";
    public const string ExpectedSpend = "expected_spend";
    public const string ValueAtRisk = "value_at_risk";
    public const string Tier = "tier";
    public const string Reasons = "reasons";
    public const string TopRootCause = "top_root_cause";
    public const string SuggestedAction = "suggested_action";
    public const string OwnerQueue = "owner_queue";
    public const string DaysSinceLastOrder = "days_since_last_order";
    public const string AlreadyChurned = "already_churned";

    /// <summary>The registry version of the churn model behind a row.</summary>
    public const string ChurnModel = "churn_model";

    /// <summary>The registry version of the root-cause classifier behind a row.</summary>
    public const string RootCauseModel = "root_cause_model";

    public const string Rank = "rank";
    public const string Control = "control";
    public const string Name = "name";
    public const string CustomersAffected = "customers_affected";
    public const string Issues = "issues";
    public const string FcrRate = "fcr_rate";
    public const string JudgedIssues = "judged_issues";
    public const string RepeatContacts = "repeat_contacts";
    public const string ContactCost = "contact_cost";
    public const string FailureDemandCost = "failure_demand_cost";
    public const string RevenueAtRisk = "revenue_at_risk";
    public const string ChurnUplift = "churn_uplift";
    public const string ExcessRevenueAtRisk = "excess_revenue_at_risk";
    public const string ContactsPreviousPeriod = "contacts_previous_period";
    public const string Trend = "trend";
    public const string Impact = "impact";
    public const string SuggestedFix = "suggested_fix";
    public const string Example1 = "example_1";
    public const string Example2 = "example_2";
    public const string Example3 = "example_3";
}
