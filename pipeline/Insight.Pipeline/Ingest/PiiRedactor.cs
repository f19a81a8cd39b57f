using System.Text.RegularExpressions;

namespace Insight.Pipeline.Ingest;

/// <summary>
/// Replaces e-mail addresses, card numbers and phone numbers with placeholders before anything is
/// stored. Errs towards redacting: a long digit run that is not a card is still redacted.
/// </summary>
public static partial class PiiRedactor
{
    public const string Email = "[EMAIL]";
    public const string Card = "[CARD]";
    public const string Phone = "[PHONE]";

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        string redacted = EmailPattern().Replace(text, Email);
        redacted = CardPattern().Replace(redacted, Card);
        return PhonePattern().Replace(redacted, m => CountDigits(m.Value) >= 9 ? Phone : m.Value);
    }

    private static int CountDigits(string value) => value.Count(char.IsAsciiDigit);

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // 13 to 19 digits, optionally grouped by spaces or dashes, not inside a longer word or number.
    [GeneratedRegex(@"(?<![\w#-])(?:\d[ -]?){12,18}\d(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    // An optional +, then digits with spaces, dots, dashes or brackets; not part of an id such as O123-001 or #123.
    [GeneratedRegex(@"(?<![\w#-])(?:\+|\()?\d[\d ().-]{6,}\d(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
