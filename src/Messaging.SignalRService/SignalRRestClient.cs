using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Messaging.SignalRService;

/// <summary>
/// Pushes messages to connected clients through the SignalR Service data-plane REST API (v1), on Azure.Core's HTTP
/// pipeline (retries, diagnostics, transport from <see cref="SignalRClientOptions"/>).
/// </summary>
/// <remarks>
/// Calls are authorized with a JWT signed with the connection string's access key (see
/// <see cref="SignalRConnectionString"/>). A send succeeds (202) whether or not the user is connected: SignalR
/// delivers only to live connections and keeps nothing, so persistence stays the caller's job.
/// </remarks>
public class SignalRRestClient
{
    /// <summary>How many sends <see cref="SendToUsersAsync"/> keeps in flight at once.</summary>
    internal const int MaxParallelSends = 16;

    private static readonly ResponseClassifier Accepted = new StatusCodeClassifier([202]);

    private static readonly ResponseClassifier FoundOrNot = new StatusCodeClassifier([200, 404]);

    private readonly HttpPipeline _pipeline;
    private readonly string _hubsBase;

    /// <summary>For test doubles: leaves the client unusable; override the members the test needs.</summary>
    protected SignalRRestClient()
    {
        _pipeline = null!;
        _hubsBase = null!;
        Endpoint = null!;
    }

    /// <summary>Creates a client from a connection string.</summary>
    /// <param name="connectionString">A SignalR connection string with an <c>AccessKey</c>.</param>
    /// <param name="options">Pipeline options; <c>null</c> for the defaults.</param>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="NotSupportedException">The connection string has no access key (Entra ID only).</exception>
    public SignalRRestClient(string connectionString, SignalRClientOptions? options = null)
        : this(SignalRConnectionString.Parse(connectionString), options)
    {
    }

    /// <summary>Creates a client.</summary>
    /// <param name="connectionString">A parsed connection string with an <c>AccessKey</c>.</param>
    /// <param name="options">Pipeline options; <c>null</c> for the defaults.</param>
    /// <exception cref="NotSupportedException">The connection string has no access key (Entra ID only).</exception>
    public SignalRRestClient(SignalRConnectionString connectionString, SignalRClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        string accessKey = connectionString.RequireAccessKey("REST API tokens");
        options ??= new SignalRClientOptions();

        Endpoint = connectionString.Endpoint;
        _hubsBase = Endpoint.AbsoluteUri + "api/v1/hubs/";
        var pipelineOptions = new HttpPipelineOptions(options);
        pipelineOptions.PerRetryPolicies.Add(new AccessKeyAuthenticationPolicy(accessKey, options.TimeProvider));
        _pipeline = HttpPipelineBuilder.Build(pipelineOptions);
    }

    /// <summary>The service endpoint REST calls go to (with the connection string's port), ending in <c>/</c>.</summary>
    public virtual Uri Endpoint { get; }

    /// <summary>
    /// Invokes <paramref name="target"/> on every connection of a user:
    /// <c>POST {endpoint}/api/v1/hubs/{hub}/users/{userId}</c> with <c>{"target":..,"arguments":[..]}</c>.
    /// </summary>
    /// <param name="hubName">The hub; a letter, then letters, digits or underscores. Lowercased, as the service expects.</param>
    /// <param name="userId">The user (the <c>nameid</c> of their client tokens); any characters, escaped in the path.</param>
    /// <param name="target">The client-side method name.</param>
    /// <param name="arguments">The method's arguments, already serialized, so the caller chooses the JSON options.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">
    /// An argument is null or empty, the hub name is invalid, an argument is an undefined <see cref="JsonElement"/>,
    /// or the user id is <c>.</c> or <c>..</c> (URL normalization would turn those into another endpoint).
    /// </exception>
    /// <exception cref="RequestFailedException">The service did not answer 202.</exception>
    public virtual Task SendToUserAsync(
        string hubName, string userId, string target, IReadOnlyList<JsonElement> arguments, CancellationToken cancellationToken = default)
    {
        string hub = SignalRHubName.Normalize(hubName, nameof(hubName));
        CheckUserId(userId, nameof(userId));
        return SendAsync(UserUri(hub, userId), PayloadMessage(target, arguments), cancellationToken);
    }

    /// <summary>
    /// Invokes <paramref name="target"/> on every connection of each user (duplicates sent once), up to 16 requests at a
    /// time. Every user is attempted even when some sends fail.
    /// </summary>
    /// <param name="hubName">The hub; a letter, then letters, digits or underscores.</param>
    /// <param name="userIds">The users; see <see cref="SendToUserAsync"/>.</param>
    /// <param name="target">The client-side method name.</param>
    /// <param name="arguments">The method's arguments, already serialized.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="ArgumentException">As for <see cref="SendToUserAsync"/>, checked for all users before anything is sent.</exception>
    /// <exception cref="RequestFailedException">One send failed.</exception>
    /// <exception cref="AggregateException">Several sends failed; one inner exception each.</exception>
    public virtual async Task SendToUsersAsync(
        string hubName, IEnumerable<string> userIds, string target, IReadOnlyList<JsonElement> arguments, CancellationToken cancellationToken = default)
    {
        string hub = SignalRHubName.Normalize(hubName, nameof(hubName));
        ArgumentNullException.ThrowIfNull(userIds);
        string[] users = userIds.Distinct(StringComparer.Ordinal).ToArray();
        foreach (string userId in users)
        {
            CheckUserId(userId, nameof(userIds));
        }
        // Serialized once; each request wraps the same bytes.
        BinaryData body = PayloadMessage(target, arguments);

        using var gate = new SemaphoreSlim(MaxParallelSends);
        Task[] sends = users.Select(async userId =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await SendAsync(UserUri(hub, userId), body, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();

        try
        {
            await Task.WhenAll(sends);
        }
        catch when (sends.Count(send => send.IsFaulted) > 1)
        {
            // Task.WhenAll rethrows only the first failure; the caller should see which users were missed.
            throw new AggregateException(
                "Sending to several SignalR users failed.", sends.Where(send => send.IsFaulted).SelectMany(send => send.Exception!.InnerExceptions));
        }
    }

    /// <summary>
    /// Whether a client connection is open: <c>GET {endpoint}/api/v1/hubs/{hub}/connections/{connectionId}</c>, 200 when
    /// it is, 404 when it is not.
    /// </summary>
    /// <param name="hubName">The hub; a letter, then letters, digits or underscores.</param>
    /// <param name="connectionId">The connection id the service gave the client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The hub name is invalid, or the connection id is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="RequestFailedException">The service answered neither 200 nor 404.</exception>
    public virtual async Task<bool> ConnectionExistsAsync(string hubName, string connectionId, CancellationToken cancellationToken = default)
    {
        string hub = SignalRHubName.Normalize(hubName, nameof(hubName));
        CheckUserId(connectionId, nameof(connectionId)); // the same path-segment rules
        using HttpMessage message = _pipeline.CreateMessage(context: null, FoundOrNot);
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri(_hubsBase + hub + "/connections/" + Uri.EscapeDataString(connectionId)));
        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
        return message.Response.Status == 200;
    }

    private async Task SendAsync(Uri uri, BinaryData body, CancellationToken cancellationToken)
    {
        using HttpMessage message = _pipeline.CreateMessage(context: null, Accepted);
        Request request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(uri);
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Content = RequestContent.Create(body);

        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
    }

    private Uri UserUri(string hub, string userId) => new(_hubsBase + hub + "/users/" + Uri.EscapeDataString(userId));

    private static void CheckUserId(string userId, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId, parameterName);
        if (userId is "." or "..")
        {
            // Escaping leaves dots alone, and dot segments are resolved by URI parsing (here and in the service):
            // ".." would address the hub itself, i.e. a broadcast.
            throw new ArgumentException("User ids '.' and '..' cannot be addressed through the REST API.", parameterName);
        }
    }

    /// <summary><c>{"target":"..","arguments":[..]}</c>, the service's <c>PayloadMessage</c>.</summary>
    internal static BinaryData PayloadMessage(string target, IReadOnlyList<JsonElement> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(arguments);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("target", target);
            writer.WriteStartArray("arguments");
            foreach (JsonElement argument in arguments)
            {
                if (argument.ValueKind == JsonValueKind.Undefined)
                {
                    throw new ArgumentException("An argument is a default (undefined) JsonElement.", nameof(arguments));
                }
                argument.WriteTo(writer);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return new BinaryData(buffer.ToArray());
    }
}
