namespace Insight.Pipeline.Lake;

/// <summary>The names of the lake's tables, in data-flow order.</summary>
public static class LakeTables
{
    public const string Contacts = "contacts";
    public const string Purchases = "purchases";
    public const string Customers = "customers";
    public const string Quarantine = "quarantine";
    public const string LabeledContacts = "labeled-contacts";
    public const string EmergingTopics = "emerging-topics";
    public const string Issues = "issues";
    public const string IssueContacts = "issue-contacts";
    public const string CustomerFeatures = "customer-features";
    public const string ChurnScores = "churn-scores";

    /// <summary>The tables ingest writes as part files listed in the ingest manifest.</summary>
    public static readonly string[] Ingested = [Contacts, Purchases, Customers, Quarantine];
}
