using Insight.Pipeline.Ingest;

namespace Insight.Pipeline.Tests.Builders;

/// <summary>Contacts about three root causes in a few wordings each, one a day per root cause, for training the classifier.</summary>
internal static class ComplaintContacts
{
    private static readonly Dictionary<string, string[]> Complaints = new()
    {
        ["double-charge"] = ["I was charged twice for this", "there is a duplicate charge on my card", "you took two payments"],
        ["late-delivery"] = ["my parcel is still not arrived", "the delivery is late again", "where is my order, it is late"],
        ["login-failure"] = ["I can't log in to the app", "the password reset never arrives", "I am locked out of my account"],
    };

    /// <summary><paramref name="perCause"/> contacts per root cause (ids <c>root-cause/i</c> on <see cref="Some.Day"/>(i)), with the root cause as disposition or none.</summary>
    public static List<ContactRecord> Make(int perCause, bool withDisposition)
    {
        var rng = new Random(5);
        return Complaints.SelectMany(c => Enumerable.Range(0, perCause).Select(i => new ContactRecord
        {
            ContactId = $"{c.Key}/{i}",
            CustomerId = $"c{i}",
            StartedAt = Some.Day(i),
            Channel = "chat",
            Disposition = withDisposition ? c.Key : null,
            CustomerText = $"hello, {c.Value[rng.Next(c.Value.Length)]}. order {rng.Next(1000, 9999)} thanks",
            Transcript = "",
            Source = "contacts",
        })).ToList();
    }
}
