using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Insight.Pipeline.Ingest;
using Insight.Pipeline.Lake;
using Microsoft.Extensions.Options;

namespace Insight.Host.Tests.Cli;

/// <summary>
/// <c>insight ingest</c> killed with SIGKILL in the middle of a drop folder, then run again, leaves the
/// same lake as one uninterrupted run: no half-written table, no file read twice, none skipped.
/// </summary>
public sealed class IngestCrashTests : IDisposable
{
    private const int Files = 6;
    private const int RowsPerFile = 12_000;
    private readonly TestWorkspace _killed;
    private readonly TestWorkspace _whole;
    private readonly string _drop;

    public IngestCrashTests()
    {
        _drop = Path.Combine(Path.GetTempPath(), "insight-tests", "drop-" + Guid.NewGuid().ToString("N"));
        WriteExport(_drop);
        var input = new Dictionary<string, object> { ["Input"] = new { Contacts = new { Path = _drop } } };
        _killed = new TestWorkspace(extra: input);
        _whole = new TestWorkspace(extra: input);
    }

    [Fact]
    public async Task Ingest_KilledMidway_ThenRerun_EqualsAnUninterruptedRun()
    {
        using (var victim = StartIngest(_killed))
        {
            string manifest = Path.Combine(_killed.LakeFolder, IngestManifest.FileName);
            var watch = Stopwatch.StartNew();
            while (!File.Exists(manifest) && !victim.HasExited && watch.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(10);
            }

            victim.HasExited.Should().BeFalse("the ingest must still be running when it is killed (make the export bigger if it is too fast)");
            victim.Kill(entireProcessTree: true); // SIGKILL: no cleanup runs
            await victim.WaitForExitAsync();
        }

        var beforeRerun = Lake(_killed).ReadManifest();
        beforeRerun.Watermark(LakeTables.Contacts).Files.Count.Should().BeInRange(1, Files - 1, "the kill came after the first file was committed and before the last");

        (await RunIngestAsync(_killed)).Should().Be(0);
        (await RunIngestAsync(_whole)).Should().Be(0);

        var resumed = await Contents(_killed);
        var uninterrupted = await Contents(_whole);
        resumed.Contacts.Should().HaveCount(Files * RowsPerFile - Files);
        resumed.Contacts.Should().Equal(uninterrupted.Contacts);
        resumed.Quarantine.Should().Equal(uninterrupted.Quarantine);
        Lake(_killed).ReadManifest().Tables[LakeTables.Contacts].Rows.Should().Be(resumed.Contacts.Count);
        Directory.GetFiles(Lake(_killed).TableFolder(LakeTables.Contacts)).Select(Path.GetFileName)
            .Should().BeEquivalentTo(Lake(_killed).ReadManifest().Tables[LakeTables.Contacts].Parts, "no leftover of the killed run remains");
    }

    private static ParquetLake Lake(TestWorkspace workspace) => new(Options.Create(new LakeOptions { Folder = workspace.LakeFolder }));

    /// <summary>Every stored contact as one comparable line, and every quarantined row, in id order.</summary>
    private static async Task<(List<string> Contacts, List<string> Quarantine)> Contents(TestWorkspace workspace)
    {
        var lake = Lake(workspace);
        var contacts = (await lake.ReadAllAsync<ContactRecord>(LakeTables.Contacts))
            .Select(c => JsonSerializer.Serialize(c))
            .Order(StringComparer.Ordinal)
            .ToList();
        var quarantine = (await lake.ReadAllAsync<QuarantineRecord>(LakeTables.Quarantine))
            .Select(q => $"{Path.GetFileName(q.File)}:{q.Row}:{q.Field}:{q.Reason}:{q.Raw}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return (contacts, quarantine);
    }

    private static Process StartIngest(TestWorkspace workspace) => InsightProcess.Start(workspace, ["ingest", "--config", workspace.ConfigFile]);

    private static async Task<int> RunIngestAsync(TestWorkspace workspace)
    {
        using var process = StartIngest(workspace);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return process.ExitCode;
    }

    /// <summary>Six files of multi-turn contacts with personal data to redact and one bad row each.</summary>
    private static void WriteExport(string folder)
    {
        Directory.CreateDirectory(folder);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int file = 0; file < Files; file++)
        {
            var text = new StringBuilder("contact_id,customer_id,started_at,channel,transcript\n");
            for (int row = 0; row < RowsPerFile; row++)
            {
                int id = file * RowsPerFile + row;
                string time = row == 7 ? "yesterday" : start.AddMinutes(id * 7).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"k{id},c{id % 5000},{time},{(id % 3 == 0 ? "phone" : "chat")},")
                    .Append(CultureInfo.InvariantCulture, $"\"Agent: Hello, how can I help?\nCustomer: My order {100000 + id} never arrived, mail me at user{id}@example.com\n")
                    .Append("Agent: I am sorry, let me check the tracking for you.\nCustomer: Thanks, my number is 07700 900")
                    .Append((id % 1000).ToString("D3", CultureInfo.InvariantCulture)).Append("\"\n");
            }

            File.WriteAllText(Path.Combine(folder, $"contacts-{file:D2}.csv"), text.ToString());
        }
    }

    public void Dispose()
    {
        _killed.Dispose();
        _whole.Dispose();
        try
        {
            Directory.Delete(_drop, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
