namespace Messaging.Functions.Hosting;

/// <summary>Picks the address Kestrel listens on.</summary>
internal static class ListenAddress
{
    /// <summary>The Functions host's default port, so local URLs match a Functions app's.</summary>
    public const int LocalPort = 7071;

    /// <summary>
    /// Under the Functions host (custom handler) listen on 127.0.0.1 at the port it hands us. Otherwise keep
    /// any URLs configured the usual ASP.NET Core ways, falling back to http://localhost:7071.
    /// </summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        if (FunctionsHost.HandlerPort(builder.Configuration) is int port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"])
            && string.IsNullOrEmpty(builder.Configuration["http_ports"])
            && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls($"http://localhost:{LocalPort}");
        }
    }
}
