using System.Text.Json.Serialization;

namespace Insight.Pipeline.Rank;

/// <summary>
/// Did a fix work? One row of <c>out/fix-checks</c>: the root cause's contact volume, repeat rate and the
/// lapse rate of its customers, in equal windows before and after the fix, each against the other root
/// causes over the same dates, with the p-value of the change (two-sided z-test) and a verdict.
/// </summary>
public sealed class FixCheck
{
    [JsonPropertyName("root_cause")] public string RootCause { get; set; } = "";
    [JsonPropertyName("fixed_at")] public DateTime FixedAt { get; set; }
    [JsonPropertyName("note")] public string Note { get; set; } = "";
    /// <summary>Days in each window (the after window ends at the as-of date).</summary>
    [JsonPropertyName("window_days")] public int WindowDays { get; set; }
    [JsonPropertyName("contacts_before")] public int ContactsBefore { get; set; }
    [JsonPropertyName("contacts_after")] public int ContactsAfter { get; set; }
    /// <summary>Contacts after over contacts before, for the root cause.</summary>
    [JsonPropertyName("contact_ratio")] public double? ContactRatio { get; set; }
    /// <summary>The same ratio for the typical other root cause (the median over those with contacts on both sides), robust to another root cause's spike.</summary>
    [JsonPropertyName("others_contact_ratio")] public double? OthersContactRatio { get; set; }
    /// <summary>p-value of the root cause's ratio differing from the others' (its after-share of before+after contacts against the binomial the others' ratio implies).</summary>
    [JsonPropertyName("contact_ratio_p")] public double? ContactRatioP { get; set; }
    /// <summary>Share of the root cause's contacts that were repeats.</summary>
    [JsonPropertyName("repeat_rate_before")] public double? RepeatRateBefore { get; set; }
    [JsonPropertyName("repeat_rate_after")] public double? RepeatRateAfter { get; set; }
    [JsonPropertyName("others_repeat_rate_before")] public double? OthersRepeatRateBefore { get; set; }
    [JsonPropertyName("others_repeat_rate_after")] public double? OthersRepeatRateAfter { get; set; }
    /// <summary>p-value of the root cause's change in repeat rate beyond the others' change (difference in differences).</summary>
    [JsonPropertyName("repeat_rate_p")] public double? RepeatRateP { get; set; }
    /// <summary>Share of the customers who contacted about it who then bought nothing within the follow-up days.</summary>
    [JsonPropertyName("lapse_rate_before")] public double? LapseRateBefore { get; set; }
    [JsonPropertyName("lapse_rate_after")] public double? LapseRateAfter { get; set; }
    [JsonPropertyName("others_lapse_rate_before")] public double? OthersLapseRateBefore { get; set; }
    [JsonPropertyName("others_lapse_rate_after")] public double? OthersLapseRateAfter { get; set; }
    [JsonPropertyName("lapse_rate_p")] public double? LapseRateP { get; set; }
    /// <summary>In words: what changed beyond noise, and in which direction.</summary>
    [JsonPropertyName("verdict")] public string Verdict { get; set; } = "";
}
