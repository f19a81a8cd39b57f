using Insight.Pipeline.Label;
using Insight.Pipeline.Registry;

namespace Insight.Pipeline.Tests.Builders;

/// <summary>The label stage as a run without a registry uses it: a classifier trained on every contact now, then labelling.</summary>
internal static class LabelStageRuns
{
    public const string ModelFile = "root-causes.zip";

    public static async Task<LabelReport> TrainAndRunAsync(this LabelStage stage, string modelFolder)
    {
        string path = Path.Combine(modelFolder, ModelFile);
        var training = await stage.TrainClassifierAsync(path, holdoutFrom: null, minHoldout: 1, CancellationToken.None);
        var classifier = training is null ? null : new RootCauseModel(new SavedModel(path, "test"), training.Card, training.TrainingSeconds);
        return await stage.RunAsync(classifier, CancellationToken.None);
    }
}
