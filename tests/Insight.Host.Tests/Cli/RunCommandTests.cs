using System.Text.Json;
using Insight.Pipeline.Lake;
using Insight.Pipeline.Rank;
using Insight.Pipeline.Run;
using Parquet.Serialization;

namespace Insight.Host.Tests.Cli;

public sealed class RunCommandTests(RunCommandFixture run) : IClassFixture<RunCommandFixture>
{
    [Fact]
    public void Run_DemoWorld_Succeeds()
    {
        run.ExitCode.Should().Be(0, run.Output);
        run.SecondExitCode.Should().Be(0);
    }

    [Fact]
    public void Run_DemoWorld_RanksTheInjectedIncidentFirst()
    {
        var summary = Summary();

        summary.Truth.Should().NotBeNull();
        summary.Truth!.IncidentRootCause.Should().NotBeNull();
        summary.Truth.IncidentRank.Should().Be(1);
    }

    [Fact]
    public void Run_DemoWorld_ModelsBeatChanceByFar()
    {
        var metrics = Summary().Metrics;

        metrics.RootCauseTruthAccuracy.Should().BeGreaterThan(0.8);
        metrics.ChurnValidationRocAuc.Should().BeGreaterThan(0.7);
        metrics.RootCauseMode.Should().Be("dispositions");
    }

    [Fact]
    public async Task Run_UpstreamFixes_HaveTheColumnsAndAreSortedByImpact()
    {
        var csv = ReadCsv("upstream-fixes.csv");
        csv[0].Keys.Should().Contain(["rank", "root_cause", "owner", "contacts", "customers_affected", "fcr_rate", "repeat_contacts", "revenue_at_risk", "impact"]);
        csv.Select(r => double.Parse(r["impact"], System.Globalization.CultureInfo.InvariantCulture)).Should().BeInDescendingOrder();

        var parquet = await ParquetSerializer.DeserializeAsync<UpstreamFix>(run.Workspace.Output("upstream-fixes.parquet"));
        parquet.Data.Select(f => f.RootCause).Should().Equal(csv.Select(r => r["root_cause"]));
        parquet.Data.Select(f => f.Rank).Should().BeInAscendingOrder().And.StartWith(1);
        parquet.Data.Should().HaveCountGreaterThanOrEqualTo(10);
    }

    [Fact]
    public async Task Run_AtRiskCustomers_HaveReasonsAndActionsAndAreSortedByValueAtRisk()
    {
        var parquet = (await ParquetSerializer.DeserializeAsync<AtRiskCustomer>(run.Workspace.Output("at-risk-customers.parquet"))).Data;

        parquet.Should().HaveCountGreaterThan(20);
        parquet.Should().BeInDescendingOrder(a => a.ValueAtRisk);
        parquet.Should().OnlyContain(a => a.Reasons.Length > 0 && a.SuggestedAction.Length > 0 && a.ChurnProbability > 0);
        ReadCsv("at-risk-customers.csv")[0].Keys.Should().Contain(["rank", "customer_id", "churn_probability", "value_at_risk", "reasons", "suggested_action"]);
    }

    [Fact]
    public void Run_Summary_AccountsForEveryInputRow()
    {
        var summary = JsonSerializer.Deserialize<RunSummary>(run.FirstRunSummary, RunLog.Json)!;

        summary.Inputs.Select(i => i.Source).Should().Equal("contacts", "purchases", "customers");
        summary.Inputs.Should().OnlyContain(i => i.RowsRead > 0 && i.RowsRead == i.RowsStored + i.RowsQuarantined && i.RowsStored == i.Added + i.Updated + i.Unchanged && i.Error == null);
        summary.Outputs.Should().OnlyContain(path => File.Exists(path));
        summary.Stages.Keys.Should().Equal(PipelineStages.Order.Where(s => s != PipelineStages.Summarize));
    }

    [Fact]
    public void Run_Again_ReadsNoFileTwice()
    {
        var first = JsonSerializer.Deserialize<RunSummary>(run.FirstRunSummary, RunLog.Json)!;
        var second = Summary();

        second.Inputs.Should().OnlyContain(i => i.InputsSkipped == 1 && i.RowsRead == 0 && i.Inputs.Count == 0);
        second.Inputs.Select(i => i.TableRows).Should().Equal(first.Inputs.Select(i => i.TableRows));
        second.AsOf.Should().Be(first.AsOf);
    }

    [Fact]
    public void Run_Lake_HoldsEveryTableAsParquet()
    {
        var manifest = JsonSerializer.Deserialize<IngestManifest>(File.ReadAllText(Path.Combine(run.Workspace.LakeFolder, IngestManifest.FileName)))!;
        foreach (string table in new[] { LakeTables.Contacts, LakeTables.Purchases, LakeTables.Customers })
        {
            var parts = manifest.Tables[table].Parts;
            parts.Should().NotBeEmpty(table);
            foreach (string part in parts)
            {
                File.ReadAllBytes(Path.Combine(run.Workspace.LakeFolder, table, part)).Take(4).Should().Equal("PAR1"u8.ToArray());
            }
        }

        foreach (string table in new[] { LakeTables.LabeledContacts, LakeTables.Issues, LakeTables.CustomerFeatures, LakeTables.ChurnScores })
        {
            var path = Path.Combine(run.Workspace.LakeFolder, table + ".parquet");
            File.Exists(path).Should().BeTrue(table);
            File.ReadAllBytes(path).Take(4).Should().Equal("PAR1"u8.ToArray());
        }
    }

    [Fact]
    public void Run_Printed_ProgressTopFixesMetricsAndFiles()
    {
        run.Output.Should().Contain("done ingest").And.Contain("done rank").And.Contain("Top upstream fixes")
            .And.Contain("At-risk customers").And.Contain("ROC-AUC").And.Contain("upstream-fixes.csv")
            .And.Contain("Models (registry champions): root-causes v1, churn v1").And.Contain("Drift since training");
    }

    [Fact]
    public void Run_Summary_NamesTheChampions_AndReportsDriftAgainstTheirTraining()
    {
        var summary = Summary();

        summary.Models.Should().Equal(new Dictionary<string, string?> { ["root-causes"] = "v1", ["churn"] = "v1" });
        var drift = summary.Drift!;
        drift.ChurnModel.Should().Be("v1");
        drift.FeaturePsi.Should().ContainKey("days_since_last_order").And.HaveCountGreaterThan(20);
        drift.RootCauseMixPsi.Should().NotBeNull();
        drift.WindowContacts.Should().BeGreaterThan(0);
        drift.RetrainRecommended.Should().BeFalse("the models were trained on this very data; the demo world's ageing moves only features the model hardly uses");
    }

    [Fact]
    public void Run_Again_OnTheSameData_WritesTheSameLists()
    {
        // The run summary is left out: it records how long each stage took.
        foreach (string file in new[] { "upstream-fixes.csv", "at-risk-customers.csv", "upstream-fixes.parquet", "at-risk-customers.parquet" })
        {
            File.ReadAllBytes(run.Workspace.Output(file)).Should().Equal(run.FirstRunOutputs[file], file);
        }
    }

    private RunSummary Summary() =>
        JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(run.Workspace.Output("run-summary.json")), RunLog.Json)!;

    private List<Dictionary<string, string>> ReadCsv(string name)
    {
        using var reader = CsvHelper.CsvReader.FromFile(run.Workspace.Output(name), CsvHelper.CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.Select((h, i) => (h, v: reader.GetString(i))).ToDictionary(p => p.h, p => p.v));
        }

        return rows;
    }
}
