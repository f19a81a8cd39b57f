using System.Globalization;
using Insight.Models.Churn;

namespace Insight.Models.Tests.Churn;

public sealed class BgNbdTests
{
    [SkippableFact]
    public void Fit_CdnowSample_FindsThePublishedParameters()
    {
        // Fader, Hardie and Lee (2005) fit the CDNOW cohort of 2,357 customers over 39 weeks:
        // r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, log-likelihood -9582.4.
        var customers = CdnowSummary();

        var model = BgNbd.Fit(customers);

        model.R.Should().BeApproximately(0.243, 0.002);
        model.Alpha.Should().BeApproximately(4.414, 0.02);
        model.A.Should().BeApproximately(0.793, 0.005);
        model.B.Should().BeApproximately(2.426, 0.02);
        model.LogLikelihood(customers).Should().BeApproximately(-9582.4, 0.5);
    }

    [Fact]
    public void ProbabilityAlive_FallsWithTimeSinceTheLastPurchaseAndIsOneWithoutRepeats()
    {
        var model = new BgNbd(0.243, 4.414, 0.793, 2.426);

        model.ProbabilityAlive(new PurchaseHistory(0, 0, 38)).Should().Be(1);
        double recent = model.ProbabilityAlive(new PurchaseHistory(3, 37, 38));
        double lapsed = model.ProbabilityAlive(new PurchaseHistory(3, 10, 38));
        recent.Should().BeApproximately(1 / (1 + (0.793 / 4.426 * Math.Pow(42.414 / 41.414, 3.243))), 1e-9);
        lapsed.Should().BeLessThan(recent).And.BeInRange(0, 1);
        model.ProbabilityAlive(new PurchaseHistory(10, 10, 38)).Should().BeLessThan(lapsed, "a frequent buyer gone quiet is more likely gone");
    }

    [Fact]
    public void Fit_IsDeterministicAndItsParametersExplainTheDataBetterThanOthers()
    {
        var rng = new Random(3);
        var customers = Enumerable.Range(0, 500).Select(_ =>
        {
            double age = 20 + (rng.NextDouble() * 20);
            int x = rng.Next(0, 6);
            return new PurchaseHistory(x, x == 0 ? 0 : Math.Round(rng.NextDouble() * age, 2), Math.Round(age, 2));
        }).ToList();

        var fitted = BgNbd.Fit(customers);

        BgNbd.Fit(customers).Should().Be(fitted);
        double best = fitted.LogLikelihood(customers);
        foreach (var other in new[] { fitted with { R = fitted.R * 1.2 }, fitted with { Alpha = fitted.Alpha * 0.8 }, fitted with { A = fitted.A * 1.3 }, fitted with { B = fitted.B * 0.7 } })
        {
            other.LogLikelihood(customers).Should().BeLessThan(best);
        }
    }

    [Fact]
    public void Fit_NoSignOfDroppingOut_StillGivesAModel()
    {
        // Everyone buys every 10 days right up to the end: the likelihood keeps rising as a and b grow,
        // so the search runs out of iterations; the best point it found is the answer.
        var customers = Enumerable.Range(0, 200).Select(i => new PurchaseHistory(10 + (i % 5), 100 + (10 * (i % 5)), 101 + (10 * (i % 5)))).ToList();

        var model = BgNbd.Fit(customers);

        new[] { model.R, model.Alpha, model.A, model.B }.Should().OnlyContain(v => double.IsFinite(v) && v > 0);
        model.ProbabilityAlive(customers[0]).Should().BeGreaterThan(0.9);
    }

    private static List<PurchaseHistory> CdnowSummary()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Insight.sln")))
        {
            folder = folder.Parent;
        }

        string path = Path.Combine(folder!.FullName, "..", "shared", "data", "cdnow", "cdnow_customers_summary.csv");
        Skip.IfNot(File.Exists(path), $"the CDNOW summary is not at {path}");
        return File.ReadLines(path).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new PurchaseHistory(int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
