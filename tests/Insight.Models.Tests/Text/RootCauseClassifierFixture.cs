using Insight.Models.Text;

namespace Insight.Models.Tests.Text;

/// <summary>One classifier trained once for the class, on synthetic complaints with filler words.</summary>
public sealed class RootCauseClassifierFixture
{
    private static readonly Dictionary<string, string[]> Phrases = new()
    {
        ["double-charge"] = ["charged twice", "two payments on my card", "billed two times", "duplicate charge on my statement"],
        ["late-delivery"] = ["parcel still not arrived", "delivery is late", "where is my order", "it was due days ago"],
        ["login-failure"] = ["cannot log in", "password reset email never comes", "locked out of my account", "sign in fails"],
        ["mis-pick"] = ["wrong item in the box", "sent the wrong size", "not what i ordered", "different colour arrived"],
    };

    private static readonly string[] Filler = ["hello", "hi there", "thanks", "please help", "this is annoying", "order 12345", "today", "again"];

    public RootCauseClassifierFixture()
    {
        Training = Make(new Random(1), 60);
        Test = Make(new Random(2), 25);
        Classifier = new RootCauseTrainer(new RootCauseTrainerOptions { Seed = 1 }).Train(Training);
    }

    public List<ContactText> Training { get; }

    public List<ContactText> Test { get; }

    public RootCauseClassifier Classifier { get; }

    private static List<ContactText> Make(Random rng, int perLabel) =>
        Phrases.SelectMany(p => Enumerable.Range(0, perLabel).Select(_ => new ContactText
        {
            Label = p.Key,
            Text = $"{Filler[rng.Next(Filler.Length)]}. {p.Value[rng.Next(p.Value.Length)]}, {Filler[rng.Next(Filler.Length)]}",
        })).ToList();
}
