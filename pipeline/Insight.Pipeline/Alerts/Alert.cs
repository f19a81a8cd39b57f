namespace Insight.Pipeline.Alerts;

/// <summary>
/// Something to act on now. <see cref="Key"/> identifies it: an alert is raised once per key, however many
/// runs see it.
/// </summary>
/// <param name="Key">spike:&lt;root cause&gt;:&lt;day&gt;, high-risk:&lt;customer&gt;:&lt;contact&gt;, or drift:&lt;model&gt;:&lt;version&gt;.</param>
/// <param name="Kind"><see cref="Spike"/>, <see cref="HighRiskCustomer"/> or <see cref="Drift"/>.</param>
/// <param name="RaisedAt">When the run raised it.</param>
/// <param name="RunId">The run that raised it.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="RootCause">The root cause concerned.</param>
/// <param name="Owner">Who owns the fix, or the customer's main root cause.</param>
/// <param name="Day">The day that spiked.</param>
/// <param name="Contacts">Contacts about the root cause that day.</param>
/// <param name="BaselineMedian">Median daily contacts about it over the baseline.</param>
/// <param name="RobustZ">How far above the baseline, in robust standard deviations.</param>
/// <param name="PValue">Poisson tail probability of the day's count at the baseline mean.</param>
/// <param name="CustomerId">The customer who turned high-risk.</param>
/// <param name="ContactId">The contact after which they did.</param>
/// <param name="ProbabilityBefore">Churn probability without the new contacts.</param>
/// <param name="ProbabilityAfter">Churn probability with them.</param>
/// <param name="Model">The model that drifted (<c>churn</c> or <c>root-causes</c>).</param>
/// <param name="ModelVersion">Its version.</param>
public sealed record Alert(
    string Key,
    string Kind,
    DateTimeOffset RaisedAt,
    string RunId,
    string Message,
    string? RootCause = null,
    string? Owner = null,
    DateTime? Day = null,
    int? Contacts = null,
    double? BaselineMedian = null,
    double? RobustZ = null,
    double? PValue = null,
    string? CustomerId = null,
    string? ContactId = null,
    double? ProbabilityBefore = null,
    double? ProbabilityAfter = null,
    string? Model = null,
    string? ModelVersion = null)
{
    public const string Spike = "spike";
    public const string HighRiskCustomer = "high-risk-customer";
    public const string Drift = "drift";
}
