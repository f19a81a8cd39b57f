using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using Insight.Host.Hosting;
using Insight.Host.Jobs;
using Insight.Host.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Insight.Host.Tests.Serve;

/// <summary>The web side of <c>insight serve</c> on the in-memory test server, where each request's addresses are set by the test.</summary>
public sealed class ServeWebTests : IAsyncLifetime
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Server = IPAddress.Parse("192.0.2.10");

    private readonly TestWorkspace _workspace = new(customers: 300);
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workspace.OutputFolder);
        File.WriteAllText(_workspace.Output("report.html"), "<html>the report</html>");
        File.WriteAllText(Path.Combine(_workspace.Root, "secret.txt"), "outside the outputs");
        var configuration = InsightConfiguration.Build(_workspace.ConfigFile, new Dictionary<string, string?>
        {
            ["Serve:Username"] = "ops",
            ["Serve:Password"] = "correct horse",
            ["Input:Contacts:Path"] = Path.Combine(_workspace.Root, "none.csv"),
        });
        _app = InsightWeb.Build(configuration, webHost: web => web.UseTestServer());
        await _app.StartAsync();
        // A job that waits in its queue (the server has no worker for this queue), and a recurring job.
        _app.Services.GetRequiredService<IBackgroundJobClient>().Create<IngestJob>(j => j.RunAsync("run-x", CancellationToken.None), new Hangfire.States.ScheduledState(TimeSpan.FromDays(1)));
        _app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<IngestCycleJob>("ingest", "default", j => j.RunAsync(null, CancellationToken.None), Cron.Never());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task Health_AnswersAnyone()
    {
        var response = await SendAsync(HttpMethods.Get, "/health", Remote);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Body.Should().Be("Healthy");
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/recurring")]
    [InlineData("/out/report.html")]
    [InlineData("/")]
    public async Task RemoteRequestWithoutCredentials_IsRefusedAndAskedToSignIn(string path)
    {
        var response = await SendAsync(HttpMethods.Get, path, Remote);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Challenge.Should().StartWith("Basic");
        response.Body.Should().NotContain("the report");
    }

    [Fact]
    public async Task RemoteRequestWithWrongPassword_IsRefused()
    {
        var response = await SendAsync(HttpMethods.Get, "/hangfire", Remote, credentials: ("ops", "wrong"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ProxiedRequestFromLoopback_IsNotLocal()
    {
        var response = await SendAsync(HttpMethods.Get, "/out/report.html", IPAddress.Loopback, forwardedFor: "203.0.113.7");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LocalRequest_SeesDashboardAndOutputs()
    {
        (await SendAsync(HttpMethods.Get, "/hangfire", IPAddress.Loopback)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync(HttpMethods.Get, "/hangfire", Server, local: Server)).StatusCode.Should().Be(HttpStatusCode.OK);
        var report = await SendAsync(HttpMethods.Get, "/out/report.html", IPAddress.IPv6Loopback);
        report.StatusCode.Should().Be(HttpStatusCode.OK);
        report.Body.Should().Be("<html>the report</html>");
        (await SendAsync(HttpMethods.Get, "/", IPAddress.Loopback)).Body.Should().Contain("/out/report.html");
    }

    [Fact]
    public async Task RemoteRequestWithCredentials_SeesDashboardAndOutputs()
    {
        (await SendAsync(HttpMethods.Get, "/hangfire/recurring", Remote, credentials: ("ops", "correct horse"))).Body.Should().Contain("ingest");
        (await SendAsync(HttpMethods.Get, "/out/report.html", Remote, credentials: ("ops", "correct horse"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Outputs_AreReadOnlyAndConfinedToTheOutputFolder()
    {
        (await SendAsync(HttpMethods.Get, "/out/../secret.txt", IPAddress.Loopback)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethods.Get, "/out/%2E%2E/secret.txt", IPAddress.Loopback)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethods.Get, "/out/missing.csv", IPAddress.Loopback)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethods.Post, "/out/report.html", IPAddress.Loopback)).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await SendAsync(HttpMethods.Delete, "/out/report.html", IPAddress.Loopback)).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        File.Exists(_workspace.Output("report.html")).Should().BeTrue();
    }

    [Fact]
    public async Task JobsCannotBeTriggeredOrDeletedWithoutAuthorisation()
    {
        var storage = _app.Services.GetRequiredService<JobStorage>();
        string jobId = storage.GetMonitoringApi().ScheduledJobs(0, 10).Single().Key;

        var trigger = await SendAsync(HttpMethods.Post, "/hangfire/recurring/trigger", Remote, form: $"jobs[]=ingest");
        var delete = await SendAsync(HttpMethods.Post, "/hangfire/jobs/scheduled/delete", Remote, form: $"jobs[]={jobId}");
        var deleteOne = await SendAsync(HttpMethods.Post, $"/hangfire/jobs/actions/delete/{jobId}", Remote);

        trigger.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        delete.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        deleteOne.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var monitoring = storage.GetMonitoringApi();
        monitoring.JobDetails(jobId).History.First().StateName.Should().Be("Scheduled", "the job was not deleted");
        monitoring.EnqueuedCount("default").Should().Be(0, "the recurring job was not triggered");

        // The same requests, signed in, do what they ask: the refusal above is the authorisation, not a broken route.
        (await SendAsync(HttpMethods.Post, "/hangfire/jobs/scheduled/delete", Remote, form: $"jobs[]={jobId}", credentials: ("ops", "correct horse")))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        monitoring.JobDetails(jobId).History.First().StateName.Should().Be("Deleted");
    }

    private async Task<(HttpStatusCode StatusCode, string Body, string Challenge)> SendAsync(
        string method, string path, IPAddress remote, IPAddress? local = null, (string User, string Password)? credentials = null, string? forwardedFor = null, string? form = null)
    {
        var context = await _app.GetTestServer().SendAsync(http =>
        {
            http.Request.Method = method;
            int query = path.IndexOf('?');
            http.Request.Path = query < 0 ? path : path[..query];
            http.Connection.RemoteIpAddress = remote;
            http.Connection.LocalIpAddress = local ?? (IPAddress.IsLoopback(remote) ? remote : Server);
            if (credentials is { } c)
            {
                http.Request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}"))).ToString();
            }

            if (forwardedFor is not null)
            {
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }

            if (form is not null)
            {
                byte[] body = Encoding.UTF8.GetBytes(form);
                http.Request.ContentType = "application/x-www-form-urlencoded";
                http.Request.ContentLength = body.Length;
                http.Request.Body = new MemoryStream(body);
            }
        });
        string text = context.Response.Body.CanRead ? await new StreamReader(context.Response.Body).ReadToEndAsync() : "";
        return ((HttpStatusCode)context.Response.StatusCode, text, context.Response.Headers.WWWAuthenticate.ToString());
    }
}
