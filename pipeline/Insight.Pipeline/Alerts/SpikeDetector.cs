using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Insight.Pipeline.Alerts;

/// <summary>A day's contacts about a root cause against its trailing baseline.</summary>
/// <param name="Day">The day checked.</param>
/// <param name="Contacts">Its contacts.</param>
/// <param name="BaselineMedian">Median daily contacts over the baseline days.</param>
/// <param name="BaselineMean">Mean daily contacts over them.</param>
/// <param name="RobustZ">(contacts − median) / (1.4826 × MAD), the MAD floored at √median and 1.</param>
/// <param name="PValue">P(X ≥ contacts) for X ~ Poisson(baseline mean).</param>
/// <param name="IsSpike">Whether it passes every threshold.</param>
public sealed record SpikeCheck(DateTime Day, int Contacts, double BaselineMedian, double BaselineMean, double RobustZ, double PValue, bool IsSpike);

/// <summary>
/// Spike detection on daily counts: a day is a spike when its count is at least a floor, far above the
/// trailing baseline's median in robust standard deviations (median absolute deviation), and improbable
/// under a Poisson at the baseline's mean. Both tests: the robust z-score ignores past spikes in the
/// baseline, the Poisson test keeps small counts from passing on a quiet baseline.
/// </summary>
public sealed class SpikeDetector(AlertOptions options)
{
    /// <summary>Checks <paramref name="day"/>; <paramref name="countOn"/> gives the contacts on any day (0 when none).</summary>
    public SpikeCheck Check(DateTime day, Func<DateTime, int> countOn)
    {
        var baseline = Enumerable.Range(1, options.SpikeBaselineDays).Select(k => (double)countOn(day.AddDays(-k))).ToArray();
        int contacts = countOn(day);
        double median = baseline.Median();
        double mad = baseline.Select(c => Math.Abs(c - median)).Median();
        double scale = 1.4826 * Math.Max(mad, Math.Max(Math.Sqrt(median), 1.0));
        double z = (contacts - median) / scale;
        double mean = Math.Max(baseline.Mean(), 1.0 / options.SpikeBaselineDays);
        double p = contacts == 0 ? 1.0 : 1.0 - Poisson.CDF(mean, contacts - 1);
        bool spike = contacts >= options.SpikeMinContacts && z >= options.SpikeRobustZ && p <= options.SpikeMaxPValue;
        return new SpikeCheck(day, contacts, median, Math.Round(baseline.Mean(), 3), Math.Round(z, 2), p, spike);
    }
}
