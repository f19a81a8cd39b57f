using Insight.Pipeline.Ingest;

namespace Insight.Pipeline.Tests.Ingest;

public sealed class PiiRedactorTests
{
    [Theory]
    [InlineData("My email is jane.doe42@example.com.", "My email is [EMAIL].")]
    [InlineData("mail FIRST.last+tag@sub.example.co.uk now", "mail [EMAIL] now")]
    [InlineData("call me on 07700 912345 please", "call me on [PHONE] please")]
    [InlineData("or +44 (0) 20 7946 0958", "or [PHONE]")]
    [InlineData("my phone number: 555-123-4567", "my phone number: [PHONE]")]
    [InlineData("US number (555) 123 4567.", "US number [PHONE].")]
    [InlineData("card 4111 1111 1111 1111 was charged", "card [CARD] was charged")]
    [InlineData("card 5500-0000-0000-0004", "card [CARD]")]
    [InlineData("amex 378282246310005 ok", "amex [CARD] ok")]
    [InlineData("pay to GB82 WEST 1234 5698 7654 32 today", "pay to [IBAN] today")]
    [InlineData("IBAN DE89370400440532013000", "IBAN [IBAN]")]
    public void Redact_PersonalData_BecomesATypedPlaceholder(string text, string expected) =>
        PiiRedactor.Redact(text).Should().Be(expected);

    [Theory]
    [InlineData("It's order O0000004-008.")]
    [InlineData("It's order #0000003008.")]
    [InlineData("order 0000003008 never came")]
    [InlineData("my order number is 123456789012")]
    [InlineData("tracking number: 9400111899223033005")]
    [InlineData("ticket #4481923 still open")]
    [InlineData("can you help me canceling purchase 732201349959")]
    [InlineData("my receipt 88120044517 shows it")]
    [InlineData("a 16-digit code 4111 1111 1111 1112 that fails Luhn")]
    [InlineData("I waited 40 minutes and paid 59.99")]
    [InlineData("on 2025-03-01 at 14:05")]
    public void Redact_IdsAmountsDatesAndInvalidNumbers_Survive(string text) =>
        PiiRedactor.Redact(text).Should().Be(text);

    [Theory]
    [InlineData("GB00 WEST 1234 5698 7654 32 fails the check")]
    [InlineData("pay GB82 WEST 1234 5698 7654 33")]
    public void Redact_IbanFailingItsCheck_IsNotTypedAsAnIban(string text) =>
        PiiRedactor.Redact(text).Should().NotContain(PiiRedactor.Iban);

    [Fact]
    public void Redact_IbanFollowedByCapitalisedWords_KeepsTheWords() =>
        PiiRedactor.Redact("IBAN GB82 WEST 1234 5698 7654 32 NOW PLEASE").Should().Be("IBAN [IBAN] NOW PLEASE");

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1112", false)]
    [InlineData("79927398713", false)]
    public void IsLuhnValid_ChecksTheCheckDigitAndLength(string number, bool valid) =>
        PiiRedactor.IsLuhnValid(number).Should().Be(valid);

    [Fact]
    public void Redact_Null_IsEmpty() => PiiRedactor.Redact(null).Should().BeEmpty();
}
