using System.Collections.Frozen;
using System.Reflection;
using Messaging.Functions.AzureServices;
using Messaging.SignalRService;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Web;

/// <summary>
/// The web chat client: <c>GET /</c> locally, and <c>GET /api/web/</c> wherever the app runs (under the Functions
/// host only <c>/api/...</c> reaches the app, through the <c>web</c> function; <c>/api/web</c> works too). The page
/// loads its files from <c>/api/web/</c> either way. The files are embedded in the assembly (Web/client, plus the SignalR browser client
/// from npm) and read once.
/// </summary>
public static class WebClientEndpoints
{
    public const string Path = "/api/web";

    private const string Index = "index.html";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(LoadFiles);

    public static IEndpointRouteBuilder MapWebClient(this IEndpointRouteBuilder routes)
    {
        // A page, not part of the HTTP API: left out of the OpenAPI document.
        routes.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) => Serve(context, Index))
            .ExcludeFromDescription();
        routes.MapMethods(Path + "/{*file}", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext context, string? file) => Serve(context, string.IsNullOrEmpty(file) ? Index : file))
            .ExcludeFromDescription();
        return routes;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Files.Value.TryGetValue(file, out byte[]? content))
        {
            return Results.NotFound(new Http.ErrorBody("No such file."));
        }
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(context.RequestServices);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Small files, changed with each deployment: revalidating is cheap and never serves a stale mix.
        headers.CacheControl = "no-cache";
        string contentType = ContentTypes[System.IO.Path.GetExtension(file)];
        return Results.Bytes(content, contentType);
    }

    /// <summary>
    /// Only the page's own origin, no inline script or style. The connection to Azure SignalR Service, when it
    /// serves clients, is the one exception: negotiate sends the browser there.
    /// </summary>
    internal static string ContentSecurityPolicy(IServiceProvider services)
    {
        string connect = "'self'";
        SignalRServiceOptions options = services.GetRequiredService<IOptions<SignalRServiceOptions>>().Value;
        if (options.IsConfigured)
        {
            SignalRConnectionString service = services.GetRequiredService<SignalRConnectionString>();
            Uri endpoint = service.ClientEndpoint ?? service.Endpoint;
            string hostAndPort = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
            string socketScheme = endpoint.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
            connect += $" {endpoint.Scheme}://{hostAndPort} {socketScheme}://{hostAndPort}";
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + $"connect-src {connect}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        Assembly assembly = typeof(WebClientEndpoints).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("web/", StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            string file = name["web/".Length..];
            if (ContentTypes.ContainsKey(System.IO.Path.GetExtension(file)))
            {
                files[file] = copy.ToArray();
            }
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
