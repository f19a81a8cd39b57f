using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Insight.Host.Notebooks;

/// <summary>
/// Turns a value a cell shows into a notebook output's MIME bundle, as .NET Interactive does: a chart
/// (a ScottPlot plot, or PNG bytes such as the report's charts) as a PNG image, a list of rows or an object as an HTML table with a plain-text twin, anything
/// else as its text.
/// </summary>
public static class NotebookFormatter
{
    /// <summary>Rows of a list shown before the rest are counted.</summary>
    public const int MaxRows = 50;

    /// <summary>Size of a chart's image, in pixels.</summary>
    public const int ChartWidth = 800;

    public const int ChartHeight = 420;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The MIME bundle of a value.</summary>
    public static JsonObject Format(object? value)
    {
        switch (value)
        {
            case null:
                return Text("null");
            case ScottPlot.Plot plot:
                byte[] png = plot.GetImageBytes(ChartWidth, ChartHeight, ScottPlot.ImageFormat.Png);
                return new JsonObject { ["image/png"] = Convert.ToBase64String(png), ["text/plain"] = $"<chart: {plot.Axes.Title.Label.Text}>" };
            case byte[] bytes when bytes.AsSpan().StartsWith(PngSignature):
                return new JsonObject { ["image/png"] = Convert.ToBase64String(bytes), ["text/plain"] = $"<PNG image, {bytes.Length:N0} bytes>" };
            case string text:
                return Text(text);
            case IDictionary dictionary:
                return Table(["key", "value"], dictionary.Keys.Cast<object>().Select(k => new[] { Cell(k), Cell(dictionary[k]) }).ToList(), dictionary.Count);
            case IEnumerable rows when !IsSimple(value.GetType()):
                return Rows(rows);
            default:
                if (IsSimple(value.GetType()))
                {
                    return Text(Cell(value));
                }

                var members = Members(value.GetType());
                return Table(["property", "value"], members.Select(m => new[] { m.Name, Cell(m.Get(value)) }).ToList(), members.Count);
        }
    }

    private static JsonObject Text(string text) => new() { ["text/plain"] = text };

    private static JsonObject Rows(IEnumerable rows)
    {
        var items = rows.Cast<object?>();
        var shown = new List<object?>();
        int total = 0;
        foreach (var item in items)
        {
            if (total++ < MaxRows)
            {
                shown.Add(item);
            }
        }

        var type = shown.FirstOrDefault(i => i is not null)?.GetType();
        if (type is null || IsSimple(type))
        {
            return Table(["value"], shown.Select(i => new[] { Cell(i) }).ToList(), total);
        }

        var members = Members(type);
        return Table(
            [.. members.Select(m => m.Name)],
            shown.Select(i => members.Select(m => i is null ? "" : Cell(m.Get(i))).ToArray()).ToList(),
            total);
    }

    private static JsonObject Table(IReadOnlyList<string> header, IReadOnlyList<string[]> rows, int total)
    {
        string more = total > rows.Count ? $"({total - rows.Count:N0} more rows, {total:N0} in all)" : "";
        var html = new StringBuilder("<table><thead><tr>");
        foreach (string name in header)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(name)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (string cell in row)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        if (more.Length > 0)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(more)).Append("</p>");
        }

        // The plain twin: columns padded to their widest cell, for terminals and viewers without HTML.
        int[] widths = [.. header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max())];
        var text = new StringBuilder();
        text.AppendJoin("  ", header.Select((h, c) => h.PadRight(widths[c]))).Append('\n');
        text.AppendJoin("  ", widths.Select(w => new string('-', w))).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).Append('\n');
        }

        text.Append(more);
        return new JsonObject { ["text/html"] = html.ToString(), ["text/plain"] = text.ToString().TrimEnd() };
    }

    /// <summary>A value as a table cell: numbers to four decimals, dates without a midnight time, short lists inline.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => Number(d),
        float f => Number(f),
        decimal m => m.ToString("0.####", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => Inline(list),
        _ => value.ToString() ?? "",
    };

    // Adding zero turns a negative zero (a tiny negative rounded) into zero, so it does not print as "-0".
    private static string Number(double value) => (Math.Round(value, 4) + 0.0).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Inline(IEnumerable list)
    {
        var items = list.Cast<object?>().Take(6).Select(Cell).ToList();
        return "[" + string.Join(", ", items.Take(5)) + (items.Count > 5 ? ", ...]" : "]");
    }

    /// <summary>Types shown as one value rather than as a table of their members.</summary>
    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid)
        || (Nullable.GetUnderlyingType(type) is { } inner && IsSimple(inner));

    /// <summary>The public properties of a type, or a tuple's fields.</summary>
    private static List<(string Name, Func<object, object?> Get)> Members(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (p.Name, (Func<object, object?>)p.GetValue))
            .ToList();
        return properties.Count > 0
            ? properties
            : [.. type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => (f.Name, (Func<object, object?>)f.GetValue))];
    }
}
