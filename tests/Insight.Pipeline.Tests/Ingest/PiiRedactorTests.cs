using Insight.Pipeline.Ingest;

namespace Insight.Pipeline.Tests.Ingest;

public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("My email is jane.doe42@example.com.", "My email is [EMAIL].")]
    [InlineData("call me on 07700 912345 please", "call me on [PHONE] please")]
    [InlineData("or +44 (0) 20 7946 0958", "or [PHONE]")]
    [InlineData("card 4111 1111 1111 1234 was charged", "card [CARD] was charged")]
    [InlineData("card 4111-1111-1111-1234", "card [CARD]")]
    public void Redact_PersonalData_IsReplaced(string text, string expected) =>
        PiiRedactor.Redact(text).Should().Be(expected);

    [Theory]
    [InlineData("It's order O0000004-008.")]
    [InlineData("It's order #0000003008.")]
    [InlineData("I waited 40 minutes and paid 59.99")]
    [InlineData("on 2025-03-01 at 14:05")]
    public void Redact_OrderIdsAmountsAndDates_AreKept(string text) =>
        PiiRedactor.Redact(text).Should().Be(text);

    [Fact]
    public void Redact_Null_IsEmpty() => PiiRedactor.Redact(null).Should().BeEmpty();
}
