using MathNet.Numerics;
using MathNet.Numerics.Optimization;

namespace Insight.Models.Churn;

/// <summary>
/// One customer's repeat-purchase history in the BG/NBD model's terms: <see cref="Frequency"/> repeat
/// purchases (purchases after the first), the last of them <see cref="Recency"/> after the first
/// purchase, and an observation period of <see cref="Age"/> since the first purchase, all in one time
/// unit (days or weeks).
/// </summary>
public readonly record struct PurchaseHistory(int Frequency, double Recency, double Age);

/// <summary>
/// The BG/NBD model of Fader, Hardie and Lee (2005), "Counting your customers the easy way": while
/// alive, a customer buys at a Poisson rate drawn from Gamma(r, α); after each purchase they drop out
/// with a probability drawn from Beta(a, b). <see cref="Fit"/> finds the parameters by maximum likelihood;
/// <see cref="ProbabilityAlive"/> is the closed form of the chance a customer is still active.
/// </summary>
public sealed record BgNbd(double R, double Alpha, double A, double B)
{
    /// <summary>Bound on the logarithm of each parameter during the fit.</summary>
    private const double LogBound = 12;

    /// <summary>Most Nelder-Mead iterations of a fit.</summary>
    private const int MaxIterations = 5_000;

    /// <summary>Fits the four parameters by maximum likelihood (Nelder-Mead on their logarithms, clamped).</summary>
    public static BgNbd Fit(IReadOnlyList<PurchaseHistory> customers)
    {
        if (customers.Count == 0)
        {
            throw new ArgumentException("BG/NBD needs at least one customer.", nameof(customers));
        }

        // Customers with the same history contribute the same term: fit on the distinct ones, weighted.
        var groups = customers.GroupBy(c => c).Select(g => (History: g.Key, Count: g.Count())).ToList();
        // The log parameters are clamped to ±LogBound: when the data hold no sign of dropping out, a and b
        // grow without limit while the likelihood flattens; the search may then stop at its iteration limit,
        // and the best point it visited is the fit.
        double bestValue = double.MaxValue;
        double[] best = [];
        var objective = ObjectiveFunction.Value(point =>
        {
            var model = FromLog(point);
            double value = -groups.Sum(g => g.Count * model.LogLikelihood(g.History));
            value = double.IsFinite(value) ? value : double.MaxValue;
            if (value < bestValue)
            {
                bestValue = value;
                best = [.. point];
            }

            return value;
        });
        var start = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray([0, Math.Clamp(Math.Log(Math.Max(customers.Average(c => c.Age), 1e-3)), -LogBound, LogBound), 0, 0]);
        try
        {
            new NelderMeadSimplex(1e-10, MaxIterations).FindMinimum(objective, start);
        }
        catch (MaximumIterationsException)
        {
            // Keep the best point visited (below).
        }

        return FromLog(best);
    }

    private static BgNbd FromLog(IList<double> p) =>
        new(Math.Exp(Math.Clamp(p[0], -LogBound, LogBound)), Math.Exp(Math.Clamp(p[1], -LogBound, LogBound)),
            Math.Exp(Math.Clamp(p[2], -LogBound, LogBound)), Math.Exp(Math.Clamp(p[3], -LogBound, LogBound)));

    /// <summary>Log-likelihood of one customer's history.</summary>
    public double LogLikelihood(PurchaseHistory history)
    {
        var (x, tx, t) = history;
        double a1 = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha));
        double a2 = SpecialFunctions.GammaLn(A + B) + SpecialFunctions.GammaLn(B + x) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + x);
        double a3 = -(R + x) * Math.Log(Alpha + t);
        if (x == 0)
        {
            return a1 + a2 + a3;
        }

        double a4 = Math.Log(A) - Math.Log(B + x - 1) - ((R + x) * Math.Log(Alpha + tx));
        double top = Math.Max(a3, a4);
        return a1 + a2 + top + Math.Log(Math.Exp(a3 - top) + Math.Exp(a4 - top));
    }

    /// <summary>Total log-likelihood of the histories.</summary>
    public double LogLikelihood(IEnumerable<PurchaseHistory> customers) => customers.Sum(LogLikelihood);

    /// <summary>Probability that a customer with this history is still alive at the end of the observation period.</summary>
    public double ProbabilityAlive(PurchaseHistory history)
    {
        var (x, tx, t) = history;
        if (x == 0)
        {
            return 1;
        }

        double logRatio = Math.Log(A) - Math.Log(B + x - 1) + ((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx)));
        return 1 / (1 + Math.Exp(logRatio));
    }
}
