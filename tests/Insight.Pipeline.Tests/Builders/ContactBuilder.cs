using Insight.Pipeline.Label;

namespace Insight.Pipeline.Tests.Builders;

/// <summary>Builds a labelled contact: <c>new ContactBuilder().ForCustomer("c1").About("mis-pick").OnDay(3).Build()</c>.</summary>
internal sealed class ContactBuilder
{
    private static int _next;
    private string _customerId = "c1";
    private string _rootCause = "mis-pick";
    private string _owner = "warehouse";
    private DateTime _at = Some.Day(0).AddHours(10);
    private string _channel = "phone";
    private string? _agent = "A1";
    private string? _id;
    private string? _queue;
    private string _painPoints = "";
    private float _frustration;

    public ContactBuilder ForCustomer(string customerId)
    {
        _customerId = customerId;
        return this;
    }

    public ContactBuilder About(string rootCause, string owner = "warehouse")
    {
        _rootCause = rootCause;
        _owner = owner;
        return this;
    }

    public ContactBuilder OnDay(double day)
    {
        _at = Some.Day(day).AddHours(10);
        return this;
    }

    public ContactBuilder At(DateTime at)
    {
        _at = at;
        return this;
    }

    public ContactBuilder Via(string channel)
    {
        _channel = channel;
        return this;
    }

    public ContactBuilder ByAgent(string agent)
    {
        _agent = agent;
        return this;
    }

    public ContactBuilder InQueue(string queue)
    {
        _queue = queue;
        return this;
    }

    public ContactBuilder WithPainPoints(params string[] painPoints)
    {
        _painPoints = string.Join(';', painPoints);
        return this;
    }

    public ContactBuilder Frustrated(float frustration)
    {
        _frustration = frustration;
        return this;
    }

    public ContactBuilder WithId(string id)
    {
        _id = id;
        return this;
    }

    public LabeledContact Build() => new()
    {
        ContactId = _id ?? $"k{Interlocked.Increment(ref _next):D6}",
        CustomerId = _customerId,
        StartedAt = _at,
        Channel = _channel,
        AgentId = _agent,
        Queue = _queue,
        RootCause = _rootCause,
        Owner = _owner,
        Confidence = 0.9f,
        PainPoints = _painPoints,
        Frustration = _frustration,
        TaxonomyVersion = "test",
    };
}
