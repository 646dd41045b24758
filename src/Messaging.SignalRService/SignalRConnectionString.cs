using System.Globalization;
using System.Text.RegularExpressions;

namespace Messaging.SignalRService;

/// <summary>
/// A parsed SignalR Service connection string:
/// <c>Endpoint=https://{name}.service.signalr.net;AccessKey=..;Version=1.0;</c> with optional <c>Port=</c> and
/// <c>ClientEndpoint=</c>, or <c>AuthType=azure|azure.msi|azure.app|aad</c> (Entra ID) instead of <c>AccessKey</c>.
/// </summary>
/// <remarks>
/// Keys are case-insensitive; unknown keys (<c>ClientId</c>, <c>ServerEndpoint</c>, ...) are ignored. Error messages
/// never contain the key. Client access tokens and this library's REST calls are HS256-signed with the access key,
/// so an Entra-only string parses but cannot be used by <see cref="SignalRNegotiator"/> or <see cref="SignalRRestClient"/>.
/// </remarks>
public sealed partial class SignalRConnectionString
{
    private static readonly string[] EntraAuthTypes = ["azure", "azure.msi", "azure.app", "aad"];

    private SignalRConnectionString(Uri endpoint, Uri? clientEndpoint, string? accessKey, string? version, string? authType)
    {
        Endpoint = endpoint;
        ClientEndpoint = clientEndpoint;
        AccessKey = accessKey;
        Version = version;
        AuthType = authType;
    }

    /// <summary>The service endpoint with <c>Port</c> applied, ending in <c>/</c>, e.g. <c>http://localhost:8888/</c>. REST calls go here.</summary>
    public Uri Endpoint { get; }

    /// <summary>Where clients connect instead of <see cref="Endpoint"/> (a proxy or gateway), ending in <c>/</c>; <c>null</c> if not set.</summary>
    public Uri? ClientEndpoint { get; }

    /// <summary>The <c>Version</c> setting (<c>1.x</c>), if present.</summary>
    public string? Version { get; }

    /// <summary>The <c>AuthType</c> setting (lowercased), if present; set means Entra ID.</summary>
    public string? AuthType { get; }

    /// <summary>Whether the string has an access key, which client tokens and REST calls need.</summary>
    public bool HasAccessKey => AccessKey is not null;

    /// <summary>The access key. Internal so it is not one property access away from a log line.</summary>
    internal string? AccessKey { get; }

    /// <summary>Parses a connection string.</summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or blank.</exception>
    /// <exception cref="FormatException">The string is malformed or lacks an endpoint or a way to authenticate.</exception>
    public static SignalRConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Dictionary<string, string> settings = ConnectionStringSettings.Parse(connectionString);

        Uri endpoint = ParseEndpoint(settings);
        Uri? clientEndpoint = settings.Optional("ClientEndpoint") is { } client ? ParseHttpUri(client, "ClientEndpoint") : null;

        string? version = settings.Optional("Version");
        if (version is not null && !VersionPattern().IsMatch(version))
        {
            throw new FormatException("The SignalR connection string's Version is not supported; expected 1.x.");
        }

        string? authType = settings.Optional("AuthType")?.ToLowerInvariant();
        if (authType is not null && !EntraAuthTypes.Contains(authType))
        {
            throw new FormatException($"The SignalR connection string's AuthType must be one of {string.Join(", ", EntraAuthTypes)}.");
        }
        string? accessKey = settings.Optional("AccessKey");
        if (accessKey is null && authType is null)
        {
            throw new FormatException("The SignalR connection string has neither an AccessKey nor an AuthType.");
        }
        return new SignalRConnectionString(endpoint, clientEndpoint, accessKey, version, authType);
    }

    /// <summary>The access key, or a <see cref="NotSupportedException"/> saying why it is needed.</summary>
    internal string RequireAccessKey(string purpose) =>
        AccessKey ?? throw new NotSupportedException(
            $"{purpose} are HS256-signed with the SignalR Service access key, but this connection string has none "
            + $"(AuthType={AuthType}). Use a connection string with an AccessKey.");

    private static Uri ParseEndpoint(Dictionary<string, string> settings)
    {
        string text = settings.Optional("Endpoint")
            ?? throw new FormatException("The SignalR connection string has no Endpoint.");
        Uri endpoint = ParseHttpUri(text, "Endpoint");
        if (endpoint.AbsolutePath != "/")
        {
            throw new FormatException("The SignalR connection string's Endpoint must not have a path.");
        }
        if (settings.Optional("Port") is not { } portText)
        {
            return endpoint;
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new FormatException("The SignalR connection string's Port must be a number from 1 to 65535.");
        }
        return new UriBuilder(endpoint) { Port = port }.Uri;
    }

    private static Uri ParseHttpUri(string text, string name)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new FormatException($"The SignalR connection string's {name} is not an absolute http(s) URI without a query.");
        }
        // Always end in '/', so paths can be appended.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    [GeneratedRegex(@"^1\.\d+")]
    private static partial Regex VersionPattern();
}
