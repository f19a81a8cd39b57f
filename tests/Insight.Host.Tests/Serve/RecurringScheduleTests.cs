using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Insight.Host.Jobs;
using Insight.Host.Serve;

namespace Insight.Host.Tests.Serve;

public sealed class RecurringScheduleTests
{
    private readonly InMemoryStorage _storage = new(new InMemoryStorageOptions());

    [Fact]
    public void Apply_SchedulesTheConfiguredJobsUnderStableIds()
    {
        var scheduled = Apply(("ingest", "*/5 * * * *", "UTC", true), ("daily", "0 6 * * *", "Europe/London", true), ("retrain", "0 4 * * 1", "UTC", true));

        scheduled.Should().Equal("daily", "ingest", "retrain");
        var jobs = RecurringJobs();
        jobs["ingest"].Cron.Should().Be("*/5 * * * *");
        jobs["ingest"].Job.Type.Should().Be<IngestCycleJob>();
        jobs["daily"].Cron.Should().Be("0 6 * * *");
        jobs["daily"].TimeZoneId.Should().Be("Europe/London");
        jobs["daily"].Job.Type.Should().Be<ScheduledRunJob>();
        jobs["daily"].Job.Args.Should().Contain("Europe/London").And.Contain("daily");
        jobs["retrain"].Cron.Should().Be("0 4 * * 1");
        jobs["retrain"].Job.Type.Should().Be<ScheduledRunJob>();
        jobs["retrain"].Job.Args.Should().Contain("retrain");
    }

    [Fact]
    public void Apply_OnRestartWithChangedConfig_UpdatesAndRemoves()
    {
        Apply(("ingest", "*/5 * * * *", "UTC", true), ("daily", "0 6 * * *", "UTC", true));

        Apply(("ingest", "*/15 * * * *", "UTC", true), ("daily", "0 6 * * *", "UTC", false));

        var jobs = RecurringJobs();
        jobs.Keys.Should().Equal("ingest");
        jobs["ingest"].Cron.Should().Be("*/15 * * * *");

        Apply();

        RecurringJobs().Should().BeEmpty("jobs no longer configured are removed");
    }

    [Fact]
    public void Apply_LeavesOtherApplicationsJobsAlone()
    {
        new RecurringJobManager(_storage).AddOrUpdate("someone-else", () => Console.WriteLine("theirs"), Cron.Daily());

        Apply(("ingest", "*/5 * * * *", "UTC", true));

        RecurringJobs().Keys.Should().BeEquivalentTo(["ingest", "someone-else"]);
    }

    [Theory]
    [InlineData("ingest", "every five minutes", "UTC", "Schedule:Jobs:ingest:Cron")]
    [InlineData("daily", "0 6 * * *", "Mars/Olympus", "Schedule:Jobs:daily:TimeZone")]
    [InlineData("retrain-nightly", "0 6 * * *", "UTC", "Schedule:Jobs:retrain-nightly")]
    public void Apply_BadEntry_NamesTheKey(string id, string cron, string timeZone, string key)
    {
        var apply = () => Apply((id, cron, timeZone, true));

        apply.Should().Throw<InvalidDataException>().WithMessage($"{key}*");
    }

    private IReadOnlyList<string> Apply(params (string Id, string Cron, string TimeZone, bool Enabled)[] jobs)
    {
        var options = new ScheduleOptions();
        foreach (var (id, cron, timeZone, enabled) in jobs)
        {
            options.Jobs[id] = new ScheduledJobOptions { Cron = cron, TimeZone = timeZone, Enabled = enabled };
        }

        return RecurringSchedule.Apply(new RecurringJobManager(_storage), _storage, options);
    }

    private Dictionary<string, RecurringJobDto> RecurringJobs()
    {
        using var connection = _storage.GetConnection();
        return connection.GetRecurringJobs().ToDictionary(j => j.Id);
    }
}
