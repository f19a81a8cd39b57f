using System.Net;
using System.Text;
using Hangfire;
using idunno.Authentication.Basic;
using Insight.Host.Hosting;
using Insight.Pipeline.Run;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insight.Host.Serve;

/// <summary>
/// The web host of <c>insight serve</c>: the Hangfire server and, on the same port, <c>/health</c>, the
/// dashboard at <c>/hangfire</c>, and the outputs (<c>out/</c>, the report included) read-only under
/// <c>/out/</c>. Everything but <c>/health</c> follows <see cref="OperatorAccess"/>.
/// </summary>
public static class InsightWeb
{
    public const string DashboardPath = "/hangfire";
    public const string OutputsPath = "/out";

    /// <param name="configuration">The configuration (see <see cref="InsightConfiguration"/>).</param>
    /// <param name="urls">Addresses to listen on, or null for <c>Serve:Urls</c>.</param>
    /// <param name="configure">Extra registrations (tests inject a clock).</param>
    /// <param name="webHost">Changes to the web host (tests use the in-memory test server).</param>
    public static WebApplication Build(IConfiguration configuration, string? urls = null, Action<IServiceCollection>? configure = null, Action<IWebHostBuilder>? webHost = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        // Only Insight's configuration: no appsettings.json of the working folder, no ASPNETCORE_ variables.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        InsightHost.Configure(builder, configuration, configure);
        builder.Services.AddOptions<ServeOptions>().BindConfiguration(ServeOptions.Section);
        builder.Services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section);

        builder.Services.AddAuthentication(BasicAuthenticationDefaults.AuthenticationScheme).AddBasic(basic =>
        {
            basic.Realm = "Insight";
            // Credentials over plain HTTP are the operator's choice of --urls; put TLS in front for remote use.
            basic.AllowInsecureProtocol = true;
            basic.Events = new BasicAuthenticationEvents
            {
                OnValidateCredentials = context =>
                {
                    var serve = context.HttpContext.RequestServices.GetRequiredService<IOptions<ServeOptions>>().Value;
                    if (OperatorAccess.SignIn(serve, context.Username, context.Password, context.Scheme.Name) is { } principal)
                    {
                        context.Principal = principal;
                        context.Success();
                    }

                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatorAccess.Policy, policy =>
            policy.RequireAssertion(context => context.Resource is HttpContext http && OperatorAccess.IsAllowed(http)));
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("hangfire-storage");

        string listen = urls ?? configuration[$"{ServeOptions.Section}:{nameof(ServeOptions.Urls)}"] ?? new ServeOptions().Urls;
        builder.WebHost.UseUrls(listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        webHost?.Invoke(builder.WebHost);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health");
        var storage = app.Services.GetRequiredService<JobStorage>();
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new OperatorAccess.DashboardFilter()],
            DashboardTitle = "Insight jobs",
            AppPath = "/",
        }, storage).RequireAuthorization(OperatorAccess.Policy);

        string outputs = app.Services.GetRequiredService<PipelineRunner>().OutputFolder;
        app.MapGet("/", () => Results.Content(Index(outputs), "text/html; charset=utf-8")).RequireAuthorization(OperatorAccess.Policy);
        app.MapMethods(OutputsPath + "/{**path}", [HttpMethods.Get, HttpMethods.Head], (string? path) => Output(outputs, path)).RequireAuthorization(OperatorAccess.Policy);
        return app;
    }

    /// <summary>A file under the output folder, read-only; nothing outside it (the file provider refuses <c>..</c> and absolute paths).</summary>
    private static IResult Output(string folder, string? path)
    {
        if (string.IsNullOrEmpty(path) || !Directory.Exists(folder))
        {
            return Results.NotFound();
        }

        using var files = new PhysicalFileProvider(folder);
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return Results.NotFound();
        }

        string contentType = new FileExtensionContentTypeProvider().TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        return Results.File(file.PhysicalPath, contentType, enableRangeProcessing: true);
    }

    /// <summary>The landing page: the report, the dashboard and every output file.</summary>
    private static string Index(string folder)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Insight</title></head><body><h1>Insight</h1><ul>");
        html.Append($"<li><a href=\"{OutputsPath}/report.html\">Latest report</a></li><li><a href=\"{DashboardPath}\">Jobs (Hangfire dashboard)</a></li></ul><h2>Outputs</h2><ul>");
        if (Directory.Exists(folder))
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                html.Append($"<li><a href=\"{OutputsPath}/{string.Join('/', relative.Split('/').Select(Uri.EscapeDataString))}\">{WebUtility.HtmlEncode(relative)}</a></li>");
            }
        }

        return html.Append("</ul></body></html>").ToString();
    }
}
