using Insight.Pipeline.Ingest;

namespace Insight.Pipeline.Tests.Builders;

/// <summary>Builds purchases: <c>PurchaseBuilder.EveryDays("c1", from: 0, to: 100, every: 10, amount: 50)</c>.</summary>
internal static class PurchaseBuilder
{
    public static PurchaseRecord On(string customerId, double day, double amount = 50, string status = PurchaseRecord.Completed) => new()
    {
        OrderId = $"{customerId}-{day:0.##}",
        CustomerId = customerId,
        OrderedAt = Some.Day(day).AddHours(12),
        Amount = amount,
        Status = status,
    };

    public static List<PurchaseRecord> EveryDays(string customerId, double from, double to, double every, double amount = 50)
    {
        var purchases = new List<PurchaseRecord>();
        for (double day = from; day < to; day += every)
        {
            purchases.Add(On(customerId, day, amount));
        }

        return purchases;
    }
}
