using System.Text.RegularExpressions;

namespace Insight.Pipeline.Ingest;

/// <summary>
/// Replaces personal identifiers in free text with typed placeholders before anything is stored:
/// e-mail addresses, payment card numbers (13 to 19 digits that pass the Luhn check), IBANs (that pass
/// the ISO 13616 mod-97 check) and phone numbers. Order, ticket and tracking numbers survive: a digit
/// run after "order", "ref", "#" and similar is an id, and a long digit run that fails Luhn is not a card.
/// </summary>
public static partial class PiiRedactor
{
    public const string Email = "[EMAIL]";
    public const string Card = "[CARD]";
    public const string Iban = "[IBAN]";
    public const string Phone = "[PHONE]";

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        // E-mail addresses need an '@', and cards, IBANs and phones a digit (\d: any Unicode decimal digit, as
        // char.IsDigit): most turns have neither, and skip the regular expressions.
        bool email = text.Contains('@');
        if (!email && !HasDigit(text))
        {
            return text;
        }

        string redacted = email ? EmailPattern().Replace(text, Email) : text;
        if (!HasDigit(redacted))
        {
            return redacted;
        }

        redacted = IbanPattern().Replace(redacted, RedactIban);
        redacted = CardPattern().Replace(redacted, m => IsLuhnValid(m.Value) ? Card : m.Value);
        return PhonePattern().Replace(redacted, m => LooksLikePhone(redacted, m) ? Phone : m.Value);
    }

    /// <summary>The Luhn check of a card number, ignoring spaces and dashes.</summary>
    public static bool IsLuhnValid(string number)
    {
        int sum = 0;
        int digits = 0;
        bool doubleIt = false;
        for (int i = number.Length - 1; i >= 0; i--)
        {
            char c = number[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            int d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            digits++;
            doubleIt = !doubleIt;
        }

        return digits is >= 13 and <= 19 && sum % 10 == 0;
    }

    /// <summary>The ISO 13616 mod-97 check of an IBAN, ignoring spaces.</summary>
    public static bool IsValidIban(string iban)
    {
        string compact = iban.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 15 or > 34)
        {
            return false;
        }

        string rearranged = compact[4..] + compact[..4];
        int remainder = 0;
        foreach (char c in rearranged)
        {
            int value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                return false;
            }

            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    /// <summary>The pattern may run on into a following word ("... 7654 32 NOW"): try the longest valid prefix.</summary>
    private static string RedactIban(Match match)
    {
        string value = match.Value;
        for (int end = value.Length; end >= 15; end = value.LastIndexOf(' ', end - 1))
        {
            if (IsValidIban(value[..end]))
            {
                return Iban + value[end..];
            }
        }

        return value;
    }

    private static bool LooksLikePhone(string text, Match match)
    {
        int digits = match.Value.Count(char.IsAsciiDigit);
        if (digits is < 9 or > 15)
        {
            return false;
        }

        // "order 0000003008", "ref: 123456789", "tracking number 123456789012" are ids, not phones.
        string before = text[Math.Max(0, match.Index - 24)..match.Index];
        return !IdContextPattern().IsMatch(before);
    }

    private static bool HasDigit(string text)
    {
        foreach (char c in text)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Two letters, two check digits, then 11 to 30 letters or digits, optionally in groups of four.
    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IbanPattern();

    // 13 to 19 digits, optionally grouped by spaces or dashes, not inside a longer word or number.
    [GeneratedRegex(@"(?<![\w#-])(?:\d[ -]?){12,18}\d(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    // An optional + or bracket, then digits with spaces, dots, dashes or brackets; not part of an id such as O123-001 or #123.
    [GeneratedRegex(@"(?<![\w#-])(?:\+|\()?\d[\d ().-]{6,}\d(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    // An id's label just before the digits: "order", "order no.", "ref:", "tracking number is", "ticket #".
    [GeneratedRegex(@"\b(?:order|purchase|receipt|transaction|shipment|item|ref|reference|ticket|case|tracking|invoice|booking|parcel|confirmation)\s*(?:no\.?|number|num|id)?\s*(?:is)?\s*[:#]?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IdContextPattern();
}
