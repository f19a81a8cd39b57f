using Insight.Pipeline.Ingest;

namespace Insight.Pipeline.Tests.Ingest;

public sealed class TranscriptParserTests
{
    [Fact]
    public void CustomerText_TaggedTurns_KeepsOnlyCustomerTurns()
    {
        string transcript = "Agent: Hello, how can I help?\nCustomer: I was charged twice.\nAgent: Sorry about that.\nCustomer: Thanks.";

        TranscriptParser.CustomerText(transcript).Should().Be("I was charged twice.\nThanks.");
    }

    [Fact]
    public void CustomerText_TurnOverSeveralLines_IsOneTurn()
    {
        string transcript = "Customer: First line\nsecond line\nAgent: ok";

        TranscriptParser.CustomerText(transcript).Should().Be("First line second line");
    }

    [Fact]
    public void CustomerText_NoTags_IsWholeText() =>
        TranscriptParser.CustomerText("  my parcel never came  ").Should().Be("my parcel never came");

    [Fact]
    public void CustomerText_ColonInsideSentence_IsNotASpeaker() =>
        TranscriptParser.CustomerText("Customer: note: the box was crushed").Should().Be("note: the box was crushed");
}
