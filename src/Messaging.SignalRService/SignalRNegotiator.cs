using System.Text;

namespace Messaging.SignalRService;

/// <summary>
/// Answers SignalR negotiate requests in serverless mode: the client URL and an access token bound to a user, so
/// user-targeted sends (<see cref="SignalRRestClient.SendToUserAsync"/>) reach that user's connections.
/// </summary>
/// <remarks>
/// The token's audience is built as the SignalR SDK builds it: the endpoint's <c>scheme://host/</c> <b>without</b>
/// port, plus <c>client/?hub={hub}</c>. The URL keeps the port (and uses <c>ClientEndpoint</c> when set), so the
/// two are equal for the usual <c>https://{name}.service.signalr.net</c> endpoint and differ only where a port or
/// a client endpoint is configured (emulator, gateways), which is where the service expects the port-less audience.
/// </remarks>
public sealed class SignalRNegotiator
{
    /// <summary>The default client token lifetime, one hour, as in the SignalR SDK.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private readonly byte[] _key;
    private readonly string _audienceBase;
    private readonly string _urlBase;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a negotiator from a connection string.</summary>
    /// <param name="connectionString">A SignalR connection string with an <c>AccessKey</c>.</param>
    /// <param name="timeProvider">The clock for <c>iat</c>/<c>nbf</c>/<c>exp</c>; <c>null</c> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="NotSupportedException">The connection string has no access key (Entra ID only).</exception>
    public SignalRNegotiator(string connectionString, TimeProvider? timeProvider = null)
        : this(SignalRConnectionString.Parse(connectionString), timeProvider)
    {
    }

    /// <summary>Creates a negotiator.</summary>
    /// <param name="connectionString">A parsed connection string with an <c>AccessKey</c>.</param>
    /// <param name="timeProvider">The clock for <c>iat</c>/<c>nbf</c>/<c>exp</c>; <c>null</c> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="NotSupportedException">The connection string has no access key (Entra ID only).</exception>
    public SignalRNegotiator(SignalRConnectionString connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _key = Encoding.UTF8.GetBytes(connectionString.RequireAccessKey("Client access tokens"));
        Uri endpoint = connectionString.Endpoint;
        _audienceBase = $"{endpoint.Scheme}://{endpoint.Host}/client/?hub=";
        _urlBase = $"{(connectionString.ClientEndpoint ?? endpoint).AbsoluteUri}client/?hub=";
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates the client URL and access token for a user.</summary>
    /// <param name="hubName">The hub; a letter, then letters, digits or underscores. Lowercased, as the service expects.</param>
    /// <param name="userId">The authenticated user; becomes the token's <c>nameid</c>.</param>
    /// <param name="lifetime">How long the token is valid; <c>null</c> for <see cref="DefaultLifetime"/>. The connection outlives it once open.</param>
    /// <exception cref="ArgumentException">The hub name is invalid or the user id empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is under a second.</exception>
    public NegotiateResult Negotiate(string hubName, string userId, TimeSpan? lifetime = null)
    {
        string hub = SignalRHubName.Normalize(hubName, nameof(hubName));
        ArgumentException.ThrowIfNullOrEmpty(userId);
        TimeSpan tokenLifetime = SignalRAccessToken.CheckLifetime(lifetime ?? DefaultLifetime, nameof(lifetime));

        string token = SignalRAccessToken.Create(_audienceBase + hub, userId, _timeProvider.GetUtcNow(), tokenLifetime, _key);
        return new NegotiateResult(_urlBase + hub, token);
    }
}
