using Insight.Pipeline.Alerts;
using Insight.Pipeline.Tests.Builders;

namespace Insight.Pipeline.Tests.Alerts;

public sealed class SpikeDetectorTests
{
    private static readonly SpikeDetector Detector = new(new AlertOptions());

    [Fact]
    public void Check_OrdinaryDayOnANoisyBaseline_IsNoSpike()
    {
        int[] baseline = [3, 5, 2, 4, 6, 3, 4, 5, 2, 3, 4, 6, 5, 3, 4, 2, 5, 3, 4, 6, 3, 4, 5, 2, 4, 3, 5, 4];

        var check = Detector.Check(Some.Day(40), day => day == Some.Day(40) ? 8 : baseline[(int)(Some.Day(40) - day).TotalDays % baseline.Length]);

        check.IsSpike.Should().BeFalse();
        check.BaselineMedian.Should().Be(4);
    }

    [Fact]
    public void Check_FiveTimesTheUsualVolume_IsASpike()
    {
        var check = Detector.Check(Some.Day(40), day => day == Some.Day(40) ? 20 : 4);

        check.IsSpike.Should().BeTrue();
        check.RobustZ.Should().BeGreaterThan(3.5);
        check.PValue.Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Check_EarlierSpikesInTheBaseline_DoNotHideANewOne()
    {
        // Two past bursts inflate the mean and the standard deviation, not the median and the MAD.
        var check = Detector.Check(Some.Day(40), day => day == Some.Day(40) ? 20 : day == Some.Day(30) || day == Some.Day(31) ? 60 : 4);

        check.IsSpike.Should().BeTrue();
    }

    [Fact]
    public void Check_ABlipOnAQuietBaseline_IsNoSpike()
    {
        // 3 contacts against a usual 0: far above in MAD terms, but not enough to be a spike.
        var check = Detector.Check(Some.Day(40), day => day == Some.Day(40) ? 3 : 0);

        check.IsSpike.Should().BeFalse();
        check.Contacts.Should().Be(3);
    }
}
