using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Taxonomy;

namespace Insight.Pipeline.Demo;

/// <summary>
/// Writes a causal simulation of a retailer's customers, orders and support contacts, as the CSV exports
/// a real user would have, plus a <c>truth/</c> folder with what really happened. Each customer is
/// simulated on its own random stream (seeded from the world's seed and the customer's index) and written
/// before the next one starts, so output is deterministic for a seed and memory does not grow with size.
/// </summary>
/// <remarks>
/// Causality: orders follow each customer's own rhythm; an order can go wrong (a root cause drawn from the
/// taxonomy); a problem makes the customer contact support; an issue not resolved first time brings
/// repeat contacts, sometimes to another agent or through a transfer; problems, unresolved issues and
/// transfers raise the chance that the customer stops buying. One injected incident multiplies one root
/// cause's rate for a month, and its problems drive churn harder.
/// </remarks>
public sealed class DemoWorldGenerator
{
    private const double ProblemPerOrder = 0.09;
    private const double IncidentProblemPerOrder = 0.07;
    private const double HarmlessWeightFactor = 4;
    private static readonly TimeSpan SeparateIssueGap = new Resolve.ResolutionOptions().RepeatWindow;
    private const double IncidentChurnBoost = 0.25;
    private const double LabelledShare = 0.6;
    private const double WrongLabelShare = 0.1;
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";
    private static readonly string[] Channels = ["phone", "chat", "email"];
    private static readonly string[] AgentNames = ["Sam", "Priya", "Tom", "Aisha", "Marek", "Lucy", "Jon", "Mei", "Carlos", "Femi", "Anna", "Raj"];
    private static readonly string[] FirstNames = ["jane", "mark", "olivia", "ahmed", "li", "sofia", "peter", "grace", "omar", "emma"];

    private readonly RootCauseTaxonomy _taxonomy;
    private readonly RootCause[] _causes;
    private readonly double[] _cumulativeWeights;
    private readonly string? _harmless;

    /// <param name="taxonomy">The taxonomy whose root causes the world's contacts are about.</param>
    /// <param name="harmlessRootCause">A root cause made frequent and harmless (see <see cref="DemoOptions.HarmlessRootCause"/>); null for none.</param>
    public DemoWorldGenerator(RootCauseTaxonomy taxonomy, string? harmlessRootCause = null)
    {
        _taxonomy = taxonomy;
        _harmless = string.IsNullOrEmpty(harmlessRootCause) ? null : harmlessRootCause;
        _causes = taxonomy.RootCauses.Where(r => DemoScript.RootCauses.ContainsKey(r.Id)).ToArray();
        if (_causes.Length < 2)
        {
            throw new InvalidOperationException(
                $"The demo world needs the shipped taxonomy's root causes; taxonomy {taxonomy.Version} shares fewer than two with the demo script.");
        }

        if (_harmless is not null && !_causes.Any(c => c.Id == _harmless))
        {
            throw new InvalidOperationException($"Demo:HarmlessRootCause '{_harmless}' is not one of the demo world's root causes: {string.Join(", ", _causes.Select(c => c.Id))}.");
        }

        double total = 0;
        _cumulativeWeights = _causes.Select(c => total += DemoScript.RootCauses[c.Id].Weight * (c.Id == _harmless ? HarmlessWeightFactor : 1)).ToArray();
    }

    /// <summary>
    /// The version of the simulation, kept in the manifest: bump it when a change makes the same settings
    /// give another world, so a world generated before is not reused.
    /// </summary>
    public const int Version = 2;

    /// <summary>Bounds of the contact rate: the problems per order it gives stay a probability.</summary>
    public const double MinContactRate = 0.1;

    public const double MaxContactRate = 11;

    /// <summary>Generates a world and returns its manifest (also written to <c>manifest.json</c>).</summary>
    /// <param name="customers">Customers.</param>
    /// <param name="days">Days of history.</param>
    /// <param name="seed">Seed of the simulation.</param>
    /// <param name="start">First day of the history.</param>
    /// <param name="folder">Where the files go.</param>
    /// <param name="contactRate">Problems per order times this (see <see cref="DemoOptions.ContactRate"/>); 1 is the world as designed.</param>
    public DemoManifest Generate(int customers, int days, int seed, DateTime start, string folder, double contactRate = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 30);
        ArgumentOutOfRangeException.ThrowIfLessThan(contactRate, MinContactRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(contactRate, MaxContactRate);
        start = DateTime.SpecifyKind(start.Date, DateTimeKind.Utc);
        var end = start.AddDays(days);
        var incidentRandom = new Random(seed);
        var incident = new DemoIncident(
            _causes[incidentRandom.Next(_causes.Length)].Id,
            end.AddDays(-Math.Min(80, days / 2)),
            end.AddDays(-Math.Min(50, days / 3)));
        var world = new WorldShape(start, end, incident, Math.Max(12, customers / 150), contactRate);

        Directory.CreateDirectory(folder);
        string truthFolder = Path.Combine(folder, DemoFiles.TruthFolder);
        Directory.CreateDirectory(truthFolder);
        var counts = new Counts();

        using (var customersCsv = OpenCsv(Path.Combine(folder, DemoFiles.Customers), Columns.CustomerId, Columns.SignupAt, Columns.Segment))
        using (var purchasesCsv = OpenCsv(Path.Combine(folder, DemoFiles.Purchases), Columns.OrderId, Columns.CustomerId, Columns.OrderedAt, Columns.Amount, Columns.Status))
        using (var contactsCsv = OpenCsv(Path.Combine(folder, DemoFiles.Contacts), Columns.ContactId, Columns.CustomerId, Columns.StartedAt, Columns.Channel, Columns.AgentId, Columns.Queue, Columns.Disposition, Columns.HandleSeconds, Columns.Transcript))
        using (var truthContactsCsv = OpenCsv(Path.Combine(truthFolder, DemoFiles.TruthContacts), Columns.ContactId, Columns.CustomerId, Columns.RootCause, Columns.IssueId, "is_repeat", "is_transfer", "pain_points"))
        using (var truthCustomersCsv = OpenCsv(Path.Combine(truthFolder, DemoFiles.TruthCustomers), Columns.CustomerId, "churned", "churned_at", "churn_cause"))
        {
            var writers = new Writers(customersCsv, purchasesCsv, contactsCsv, truthContactsCsv, truthCustomersCsv);
            for (int i = 0; i < customers; i++)
            {
                SimulateCustomer(i, new Random(CustomerSeed(seed, i)), world, writers, counts);
            }
        }

        var manifest = new DemoManifest(seed, customers, days, start, end, incident, counts.Purchases, counts.Contacts, counts.Churners, _taxonomy.Version, _harmless, contactRate, Version);
        File.WriteAllText(Path.Combine(truthFolder, DemoFiles.TruthIncident), JsonSerializer.Serialize(incident, JsonOptions));
        File.WriteAllText(Path.Combine(folder, DemoFiles.Manifest), JsonSerializer.Serialize(manifest, JsonOptions));
        return manifest;
    }

    /// <summary>
    /// The manifest of the world in <see cref="DemoOptions.Folder"/> when it was generated with these options,
    /// this taxonomy and this version of the simulation; null when there is none or it was made otherwise.
    /// </summary>
    public static DemoManifest? CurrentManifest(DemoOptions options, string taxonomyVersion) =>
        ReadManifest(options.Folder) is { } existing && existing.Seed == options.Seed && existing.Customers == options.Customers && existing.Days == options.Days
            && existing.Start == options.Start.Date && existing.TaxonomyVersion == taxonomyVersion
            && existing.HarmlessRootCause == (string.IsNullOrEmpty(options.HarmlessRootCause) ? null : options.HarmlessRootCause)
            && existing.ContactRate == options.ContactRate && existing.Generator == Version
            ? existing
            : null;

    /// <summary>Reads the manifest of a world generated earlier, or null when there is none.</summary>
    public static DemoManifest? ReadManifest(string folder)
    {
        string path = Path.Combine(folder, DemoFiles.Manifest);
        return File.Exists(path) ? JsonSerializer.Deserialize<DemoManifest>(File.ReadAllText(path), JsonOptions) : null;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private void SimulateCustomer(int index, Random rng, WorldShape world, Writers writers, Counts counts)
    {
        string customerId = $"C{index + 1:D7}";
        bool existing = rng.NextDouble() < 0.45;
        var signup = existing
            ? world.Start.AddDays(-rng.Next(30, 900))
            : world.Start.AddDays(rng.NextDouble() * (world.End - world.Start).TotalDays * 0.7);
        double meanGap = Math.Clamp(Math.Exp(Normal(rng, Math.Log(28), 0.55)), 6, 150);
        double meanSpend = Math.Clamp(Math.Exp(Normal(rng, Math.Log(55), 0.5)), 8, 900);
        string segment = meanSpend > 90 ? "plus" : "standard";

        // Baseline churn: some customers simply drift away, whatever happens (counted from when the
        // history starts, so an existing customer is one who had not left by then).
        var churnAt = (existing ? world.Start : signup).AddDays(-Math.Log(1 - rng.NextDouble()) * 1500);
        string churnCause = "baseline";

        var contacts = new List<DemoContact>();
        int orderNumber = 0;
        int issueNumber = 0;
        var t = existing ? world.Start.AddDays(rng.NextDouble() * meanGap) : signup.AddHours(rng.Next(1, 72));
        while (t < world.End && t < churnAt)
        {
            orderNumber++;
            string orderId = $"O{index + 1:D7}-{orderNumber:D3}";
            double amount = Math.Round(meanSpend * Math.Exp(Normal(rng, 0, 0.3)), 2);
            string status = rng.NextDouble() < 0.05 ? PurchaseRecord.Returned : PurchaseRecord.Completed;
            writers.Purchases.WriteRow(orderId, customerId, Format(t), amount.ToString(CultureInfo.InvariantCulture), status);
            counts.Purchases++;

            RootCause? cause = null;
            bool incidentHit = false;
            if (t >= world.Incident.Start && t < world.Incident.End && rng.NextDouble() < IncidentProblemPerOrder * world.ContactRate)
            {
                cause = _taxonomy.Get(world.Incident.RootCause);
                incidentHit = true;
            }
            else if (rng.NextDouble() < ProblemPerOrder * world.ContactRate)
            {
                cause = DrawCause(rng);
            }

            if (cause is not null)
            {
                issueNumber++;
                var outcome = SimulateIssue(rng, world, customerId, $"I{index + 1:D7}-{issueNumber:D2}", orderId, t, cause, contacts);
                double churnChance = cause.Id == _harmless ? 0 : DemoScript.RootCauses[cause.Id].ChurnRisk
                    + (outcome.Repeats > 0 ? 0.12 + (0.06 * outcome.Repeats) : 0)
                    + (0.04 * outcome.Transfers)
                    + (incidentHit ? IncidentChurnBoost : 0);
                // More problems per order do not make a more dying business: each drives churn less.
                if (rng.NextDouble() < churnChance / world.ContactRate)
                {
                    var problemChurn = outcome.LastContact.AddDays(1 - (Math.Log(1 - rng.NextDouble()) * 10));
                    if (problemChurn < churnAt)
                    {
                        churnAt = problemChurn;
                        churnCause = cause.Id;
                    }
                }
            }

            t = t.AddDays(meanGap * Math.Exp(Normal(rng, 0, 0.35)));
        }

        bool churned = churnAt < world.End;
        writers.Customers.WriteRow(customerId, Format(signup), segment);
        writers.TruthCustomers.WriteRow(customerId, churned ? "true" : "false", churned ? Format(churnAt) : "", churned ? churnCause : "");
        if (churned)
        {
            counts.Churners++;
        }

        int contactNumber = 0;
        foreach (var contact in contacts.Where(c => c.StartedAt < world.End).OrderBy(c => c.StartedAt))
        {
            contactNumber++;
            string contactId = $"K{index + 1:D7}-{contactNumber:D3}";
            writers.Contacts.WriteRow(contactId, customerId, Format(contact.StartedAt), contact.Channel, contact.AgentId, contact.Queue,
                contact.Disposition ?? "", contact.HandleSeconds.ToString(CultureInfo.InvariantCulture), contact.Transcript);
            writers.TruthContacts.WriteRow(contactId, customerId, contact.RootCause, contact.IssueId,
                contact.IsRepeat ? "true" : "false", contact.IsTransfer ? "true" : "false", string.Join(';', contact.PainPoints));
            counts.Contacts++;
        }
    }

    private IssueOutcome SimulateIssue(Random rng, WorldShape world, string customerId, string issueId, string orderId, DateTime orderedAt, RootCause cause, List<DemoContact> contacts)
    {
        var script = DemoScript.RootCauses[cause.Id];
        int repeats = 0;
        if (rng.NextDouble() > script.FirstContactResolution && cause.Id != _harmless)
        {
            repeats = 1 + (rng.NextDouble() < 0.4 ? 1 : 0) + (rng.NextDouble() < 0.15 ? 1 : 0);
        }

        var at = orderedAt.AddDays(rng.Next(script.DelayDays.Min, script.DelayDays.Max + 1)).Date
            .AddHours(8 + (rng.NextDouble() * 11));

        // A new issue about the same root cause starts after the default repeat window since the last
        // contact about it, so the issues the truth lists are those the default definition finds.
        var lastAboutCause = contacts.Where(c => c.RootCause == cause.Id).Select(c => c.StartedAt).DefaultIfEmpty(DateTime.MinValue).Max();
        if (at - lastAboutCause <= SeparateIssueGap)
        {
            at = lastAboutCause + SeparateIssueGap + TimeSpan.FromHours(1);
        }
        int transfers = 0;
        string item = Pick(rng, DemoScript.Items);
        string? previousAgent = null;
        for (int touch = 0; touch <= repeats; touch++)
        {
            bool resolved = touch == repeats;
            string channel = touch > 0 && rng.NextDouble() < 0.5 ? "phone" : PickChannel(rng);
            string queue = QueueFor(cause.Owner);
            bool startsInGeneral = queue != "general" && rng.NextDouble() < 0.25;
            // A repeat contact reaches a different agent more often than not: nobody owns the issue.
            string agent = touch > 0 && previousAgent is not null && rng.NextDouble() < 0.3 ? previousAgent : AgentFor(rng, world, startsInGeneral ? "general" : queue);
            var painPoints = new List<string>();
            if (touch > 0)
            {
                painPoints.Add("repeat-explanation");
            }

            if (channel == "phone" && rng.NextDouble() < 0.25)
            {
                painPoints.Add("long-wait");
            }

            if (touch > 0 && rng.NextDouble() < 0.3)
            {
                painPoints.Add(rng.NextDouble() < 0.6 ? "broken-promise" : "rude-unhelpful");
            }

            if (rng.NextDouble() < 0.05)
            {
                painPoints.Add("confusing-process");
            }

            if (cause.Id == "refund-delay")
            {
                painPoints.Add("refund-delay");
            }

            if (startsInGeneral && channel != "email")
            {
                // The first leg in the general queue cannot fix it and transfers the customer within minutes.
                contacts.Add(MakeContact(rng, cause, issueId, orderId, item, at, channel, "general", agent, touch > 0, isTransfer: false, resolved: false, transferring: true, painPoints));
                transfers++;
                at = at.AddMinutes(rng.Next(2, 12));
                agent = AgentFor(rng, world, queue);
                painPoints = [.. painPoints, "transferred"];
                contacts.Add(MakeContact(rng, cause, issueId, orderId, item, at, channel, queue, agent, touch > 0, isTransfer: true, resolved, transferring: false, painPoints));
            }
            else
            {
                contacts.Add(MakeContact(rng, cause, issueId, orderId, item, at, channel, queue, agent, touch > 0, isTransfer: false, resolved, transferring: false, painPoints));
            }

            previousAgent = agent;
            if (!resolved)
            {
                at = at.AddDays(1 + (rng.NextDouble() * 5));
            }
        }

        return new IssueOutcome(repeats, transfers, at);
    }

    private DemoContact MakeContact(Random rng, RootCause cause, string issueId, string orderId, string item, DateTime at, string channel, string queue, string agentId,
        bool isRepeat, bool isTransfer, bool resolved, bool transferring, List<string> painPoints)
    {
        var script = DemoScript.RootCauses[cause.Id];
        var text = new StringBuilder();
        string agentName = AgentNames[int.Parse(agentId.AsSpan(1), CultureInfo.InvariantCulture) % AgentNames.Length];
        string orderRef = rng.NextDouble() < 0.5 ? orderId : "#" + orderId[1..].Replace("-", "", StringComparison.Ordinal);
        if (channel != "email")
        {
            Turn(text, "Agent", Pick(rng, DemoScript.AgentGreetings).Replace("{agent}", agentName, StringComparison.Ordinal));
        }

        var opening = new StringBuilder();
        if (rng.NextDouble() < 0.4)
        {
            opening.Append(Pick(rng, DemoScript.SmallTalk)).Append(' ');
        }

        if (isTransfer)
        {
            opening.Append("I was just transferred to you. ");
        }

        foreach (var painPoint in painPoints.Where(p => DemoScript.PainPoints.ContainsKey(p)))
        {
            opening.Append(Pick(rng, DemoScript.PainPoints[painPoint])).Append(' ');
        }

        opening.Append(Typos(rng, Fill(Pick(rng, script.Statements), item, orderRef)));
        opening.Append(rng.NextDouble() < 0.5 ? "." : rng.NextDouble() < 0.5 ? "!" : "");
        Turn(text, "Customer", opening.ToString());
        Turn(text, "Agent", Pick(rng, DemoScript.AgentChecks));

        var details = new StringBuilder($"It's order {orderRef}.");
        double pii = rng.NextDouble();
        if (pii < 0.3)
        {
            details.Append($" My email is {Pick(rng, FirstNames)}.{Pick(rng, FirstNames)}{rng.Next(1, 99)}@example.com.");
        }
        else if (pii < 0.5)
        {
            details.Append($" You can call me on 07700 9{rng.Next(10000, 99999)}.");
        }
        else if (pii < 0.58)
        {
            details.Append($" I paid with the card {CardNumber(rng)}.");
        }

        if (rng.NextDouble() < 0.5)
        {
            details.Append(' ').Append(Typos(rng, Fill(Pick(rng, script.Statements), item, orderRef))).Append('.');
        }

        Turn(text, "Customer", details.ToString());
        if (transferring)
        {
            Turn(text, "Agent", "I'll need to transfer you to the right team for that, please hold.");
        }
        else if (resolved)
        {
            Turn(text, "Agent", script.AgentFix.Replace("{item}", item, StringComparison.Ordinal));
            Turn(text, "Customer", Pick(rng, DemoScript.CustomerClosings));
        }
        else
        {
            Turn(text, "Agent", Pick(rng, DemoScript.AgentEscalations));
            Turn(text, "Customer", Pick(rng, DemoScript.CustomerUnhappyClosings));
        }

        string? disposition = null;
        if (rng.NextDouble() < LabelledShare)
        {
            disposition = rng.NextDouble() < WrongLabelShare ? _causes[rng.Next(_causes.Length)].Id : cause.Id;
        }

        int handleSeconds = channel switch
        {
            "phone" => rng.Next(240, 900),
            "chat" => rng.Next(300, 1200),
            _ => rng.Next(90, 400),
        };
        return new DemoContact(at, channel, queue, agentId, disposition, handleSeconds, text.ToString().TrimEnd(), cause.Id, issueId, isRepeat, isTransfer, painPoints);
    }

    /// <summary>A Luhn-valid test card number (Visa test range), as a customer would read it out.</summary>
    private static string CardNumber(Random rng)
    {
        var digits = new int[16];
        digits[0] = 4;
        for (int i = 1; i < 15; i++)
        {
            digits[i] = rng.Next(10);
        }

        int sum = 0;
        for (int i = 14, k = 0; i >= 0; i--, k++)
        {
            int d = k % 2 == 0 ? digits[i] * 2 : digits[i];
            sum += d > 9 ? d - 9 : d;
        }

        digits[15] = (10 - (sum % 10)) % 10;
        return string.Join(' ', Enumerable.Range(0, 4).Select(g => string.Concat(digits.Skip(g * 4).Take(4))));
    }

    private RootCause DrawCause(Random rng)
    {
        double x = rng.NextDouble() * _cumulativeWeights[^1];
        int i = Array.FindIndex(_cumulativeWeights, w => x < w);
        return _causes[i < 0 ? _causes.Length - 1 : i];
    }

    private static string QueueFor(string owner) => owner switch
    {
        "warehouse" or "logistics" => "orders",
        "billing" => "billing",
        "product" => "tech",
        _ => "general",
    };

    private static string AgentFor(Random rng, WorldShape world, string queue)
    {
        // Agents are partitioned into four queues by their number.
        int queueIndex = queue switch { "orders" => 0, "billing" => 1, "tech" => 2, _ => 3 };
        int perQueue = world.Agents / 4;
        return $"A{(queueIndex * perQueue) + rng.Next(perQueue) + 1:D4}";
    }

    private static string PickChannel(Random rng)
    {
        double x = rng.NextDouble();
        return x < 0.45 ? Channels[0] : x < 0.8 ? Channels[1] : Channels[2];
    }

    private static string Fill(string statement, string item, string orderRef) =>
        statement.Replace("{item}", item, StringComparison.Ordinal).Replace("{order}", orderRef, StringComparison.Ordinal);

    private static string Typos(Random rng, string text)
    {
        if (rng.NextDouble() > 0.35)
        {
            return text;
        }

        var chars = text.ToCharArray().ToList();
        int typos = 1 + rng.Next(2);
        for (int k = 0; k < typos && chars.Count > 4; k++)
        {
            int at = rng.Next(1, chars.Count - 2);
            if (!char.IsLetter(chars[at]))
            {
                continue;
            }

            switch (rng.Next(3))
            {
                case 0:
                    (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                    break;
                case 1:
                    chars.RemoveAt(at);
                    break;
                default:
                    chars.Insert(at, chars[at]);
                    break;
            }
        }

        return new string([.. chars]);
    }

    private static void Turn(StringBuilder text, string speaker, string line) => text.Append(speaker).Append(": ").Append(line).Append('\n');

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>
    /// The seed of one customer's random stream: a SplitMix64 step over the world's seed and the index.
    /// (Not <see cref="HashCode"/>, which is seeded differently in every process.)
    /// </summary>
    private static int CustomerSeed(int seed, int index)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }

    private static double Normal(Random rng, double mean, double sd)
    {
        double u1 = 1 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static string Format(DateTime t) => t.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static CsvRowWriter OpenCsv(string path, params string[] header) => new(path, header);

    private sealed record WorldShape(DateTime Start, DateTime End, DemoIncident Incident, int Agents, double ContactRate);

    private sealed record IssueOutcome(int Repeats, int Transfers, DateTime LastContact);

    private sealed record DemoContact(DateTime StartedAt, string Channel, string Queue, string AgentId, string? Disposition, int HandleSeconds, string Transcript,
        string RootCause, string IssueId, bool IsRepeat, bool IsTransfer, IReadOnlyList<string> PainPoints);

    private sealed record Writers(CsvRowWriter Customers, CsvRowWriter Purchases, CsvRowWriter Contacts, CsvRowWriter TruthContacts, CsvRowWriter TruthCustomers);

    private sealed class Counts
    {
        public long Purchases { get; set; }

        public long Contacts { get; set; }

        public long Churners { get; set; }
    }

    /// <summary>A CSV file written row by row with CsvHelper.</summary>
    private sealed class CsvRowWriter : IDisposable
    {
        private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\n" };
        private readonly CsvWriter _csv;

        public CsvRowWriter(string path, string[] header)
        {
            _csv = CsvWriter.ToFile(path, Options);
            WriteRow(header);
        }

        public void WriteRow(params string[] fields) => _csv.WriteRecord(fields);

        public void Dispose() => _csv.Dispose();
    }
}
