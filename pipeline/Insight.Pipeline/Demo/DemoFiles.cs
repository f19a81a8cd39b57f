namespace Insight.Pipeline.Demo;

/// <summary>File names of a demo world, as a user's exports and the truth beside them.</summary>
public static class DemoFiles
{
    public const string Contacts = "contacts.csv";
    public const string Purchases = "purchases.csv";
    public const string Customers = "customers.csv";
    public const string Manifest = "manifest.json";
    public const string TruthFolder = "truth";
    public const string TruthContacts = "contacts.csv";
    public const string TruthCustomers = "customers.csv";
    public const string TruthIncident = "incident.json";
}
