namespace Insight.Models.Churn;

/// <summary>
/// ML.NET input of the churn model: one customer's point-in-time features and, for training, whether
/// the customer churned within the horizon. The length of <see cref="Features"/> is set at run time
/// from the feature names (see <see cref="ChurnTrainer"/>).
/// </summary>
public sealed class CustomerFeatures
{
    public string CustomerId { get; set; } = "";

    public bool Label { get; set; }

    public float[] Features { get; set; } = [];
}
