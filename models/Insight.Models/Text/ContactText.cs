namespace Insight.Models.Text;

/// <summary>ML.NET input of the root-cause classifier: a contact's text and, for training, its label.</summary>
public sealed class ContactText
{
    /// <summary>The customer's words (their turns first).</summary>
    public string Text { get; set; } = "";

    /// <summary>The root-cause id; empty when predicting.</summary>
    public string Label { get; set; } = "";
}
