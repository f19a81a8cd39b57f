using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;

namespace Insight.Host.Serve;

/// <summary>
/// Who may use the dashboard, trigger or delete jobs, and read the outputs: a request from this machine,
/// or one signed in with the configured credentials. One rule for every page, the dashboard's own check included.
/// </summary>
public static class OperatorAccess
{
    public const string Policy = "operator";

    public static bool IsAllowed(HttpContext context) => IsLocal(context) || context.User.Identity?.IsAuthenticated == true;

    /// <summary>
    /// From a loopback address, or from this machine's own address. A request that came through a proxy
    /// (it carries X-Forwarded-For) is not local, whatever address the proxy connects from.
    /// </summary>
    public static bool IsLocal(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || context.Request.Headers.ContainsKey("X-Forwarded-For"))
        {
            return false;
        }

        return IPAddress.IsLoopback(remote) || remote.Equals(context.Connection.LocalIpAddress);
    }

    /// <summary>The signed-in user when the credentials match the configured ones (compared in constant time); null otherwise.</summary>
    public static ClaimsPrincipal? SignIn(ServeOptions options, string username, string password, string scheme)
    {
        if (!options.HasCredentials)
        {
            return null;
        }

        bool user = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(username), Encoding.UTF8.GetBytes(options.Username));
        bool secret = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(options.Password));
        return user && secret
            ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, username)], scheme))
            : null;
    }

    /// <summary>The dashboard's own authorisation: the same rule.</summary>
    public sealed class DashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => IsAllowed(context.GetHttpContext());
    }
}
