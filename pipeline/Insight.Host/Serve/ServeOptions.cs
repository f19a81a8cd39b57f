namespace Insight.Host.Serve;

/// <summary>The web side of <c>insight serve</c>: where it listens and who may use it from elsewhere.</summary>
public sealed class ServeOptions
{
    public const string Section = "Serve";

    /// <summary>Addresses to listen on (<c>;</c>-separated); <c>--urls</c> overrides. Loopback only by default.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5000";

    /// <summary>
    /// The user a request from another machine must sign in as (HTTP Basic). Set it and
    /// <see cref="Password"/> with the environment variables <c>INSIGHT__Serve__Username</c> and
    /// <c>INSIGHT__Serve__Password</c>, never in a committed file. Unset: only local requests are served.
    /// </summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public bool HasCredentials => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
