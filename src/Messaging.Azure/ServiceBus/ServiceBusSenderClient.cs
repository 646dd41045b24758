using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Messaging.Azure.ServiceBus;

/// <summary>
/// Sends messages to one Service Bus queue (or topic) through the REST API,
/// <c>POST https://{namespace}/{queue}/messages</c>, on Azure.Core's HTTP pipeline (retries, diagnostics, transport
/// from <see cref="ServiceBusClientOptions"/>).
/// </summary>
/// <remarks>
/// Azure.Core retries throttling and transient failures (408, 429, 5xx, network errors), so a message may reach the
/// broker twice; give it a stable <c>messageId</c> and enable duplicate detection on the queue, or make the receiver
/// idempotent on the message id.
/// </remarks>
public class ServiceBusSenderClient
{
    /// <summary>The Entra ID scope for Service Bus.</summary>
    public const string ServiceBusScope = "https://servicebus.azure.net/.default";

    /// <summary>The longest message id Service Bus accepts.</summary>
    public const int MaxMessageIdLength = 128;

    internal const string BrokerPropertiesHeader = "BrokerProperties";

    private static readonly ResponseClassifier Created = new StatusCodeClassifier([201]);

    private readonly HttpPipeline _pipeline;
    private readonly Uri _messagesUri;

    /// <summary>For test doubles: leaves the client unusable; override the members the test needs.</summary>
    protected ServiceBusSenderClient()
    {
        _pipeline = null!;
        _messagesUri = null!;
        FullyQualifiedNamespace = string.Empty;
        QueueName = string.Empty;
    }

    /// <summary>Creates a client that authorizes with a SAS token derived from the connection string's key.</summary>
    /// <param name="connectionString"><c>Endpoint=sb://..;SharedAccessKeyName=..;SharedAccessKey=..[;EntityPath=..]</c>.</param>
    /// <param name="queueName">The queue or topic; must match the string's <c>EntityPath</c> if it has one.</param>
    /// <param name="options">Pipeline options; <c>null</c> for the defaults.</param>
    /// <exception cref="ArgumentException">An argument is null or empty, or <paramref name="queueName"/> differs from <c>EntityPath</c>.</exception>
    /// <exception cref="FormatException">The connection string is malformed or incomplete.</exception>
    public ServiceBusSenderClient(string connectionString, string queueName, ServiceBusClientOptions? options = null)
        : this(ServiceBusConnection.Parse(connectionString), queueName, options)
    {
    }

    /// <summary>Creates a client that authorizes with Entra ID tokens (scope <see cref="ServiceBusScope"/>; HTTPS only).</summary>
    /// <param name="fullyQualifiedNamespace">The namespace's host name, e.g. <c>ns.servicebus.windows.net</c>.</param>
    /// <param name="queueName">The queue or topic.</param>
    /// <param name="credential">The token source, e.g. <c>DefaultAzureCredential</c>; needs the Azure Service Bus Data Sender role.</param>
    /// <param name="options">Pipeline options; <c>null</c> for the defaults.</param>
    /// <exception cref="ArgumentException">An argument is null or empty, or the namespace is not a host name.</exception>
    public ServiceBusSenderClient(string fullyQualifiedNamespace, string queueName, TokenCredential credential, ServiceBusClientOptions? options = null)
        : this(
            NamespaceHost(fullyQualifiedNamespace),
            queueName,
            _ => new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), ServiceBusScope),
            options)
    {
    }

    private ServiceBusSenderClient(ServiceBusConnection connection, string queueName, ServiceBusClientOptions? options)
        : this(
            connection.FullyQualifiedNamespace,
            CheckEntityPath(connection, queueName),
            resource => new SharedAccessSignatureAuthenticationPolicy(
                resource, connection.SharedAccessKeyName, connection.SharedAccessKey, options?.TimeProvider ?? TimeProvider.System),
            options)
    {
    }

    private ServiceBusSenderClient(
        string fullyQualifiedNamespace, string queueName, Func<string, HttpPipelinePolicy> authentication, ServiceBusClientOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        options ??= new ServiceBusClientOptions();

        FullyQualifiedNamespace = fullyQualifiedNamespace;
        QueueName = queueName;
        // Entity names may hold '/' (virtual folders): escape each segment, keep the separators.
        string entityPath = string.Join('/', queueName.Split('/').Select(Uri.EscapeDataString));
        string baseAddress = options.Endpoint?.GetLeftPart(UriPartial.Path).TrimEnd('/') ?? $"https://{fullyQualifiedNamespace}";
        _messagesUri = new Uri($"{baseAddress}/{entityPath}/messages");

        var pipelineOptions = new HttpPipelineOptions(options);
        pipelineOptions.PerRetryPolicies.Add(authentication($"https://{fullyQualifiedNamespace}/{entityPath}"));
        _pipeline = HttpPipelineBuilder.Build(pipelineOptions);
    }

    /// <summary>The namespace's host name.</summary>
    public virtual string FullyQualifiedNamespace { get; }

    /// <summary>The queue or topic messages are sent to.</summary>
    public virtual string QueueName { get; }

    /// <summary>Sends one message.</summary>
    /// <param name="body">The payload, stored unchanged.</param>
    /// <param name="messageId">The message id (≤ <see cref="MaxMessageIdLength"/> characters); the key for duplicate detection.</param>
    /// <param name="contentType">Becomes the message's <c>ContentType</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">An argument is null or empty, or <paramref name="messageId"/> is too long.</exception>
    /// <exception cref="RequestFailedException">The service did not answer 201 (401 auth, 403 quota or size, 410 no such entity, ...).</exception>
    public virtual async Task SendAsync(
        BinaryData body, string messageId, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (messageId.Length > MaxMessageIdLength)
        {
            throw new ArgumentException($"A Service Bus message id has at most {MaxMessageIdLength} characters.", nameof(messageId));
        }

        using HttpMessage message = _pipeline.CreateMessage(context: null, Created);
        Request request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_messagesUri);
        request.Headers.SetValue(HttpHeader.Names.ContentType, contentType);
        request.Headers.SetValue(BrokerPropertiesHeader, BrokerProperties(messageId));
        request.Content = RequestContent.Create(body);

        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.IsError)
        {
            throw new RequestFailedException(message.Response);
        }
    }

    /// <summary><c>{"MessageId":"..."}</c>; the writer escapes non-ASCII, so the header value stays ASCII.</summary>
    internal static string BrokerProperties(string messageId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("MessageId", messageId);
            writer.WriteEndObject();
        }
        return Encoding.ASCII.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string CheckEntityPath(ServiceBusConnection connection, string queueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        // Entity names are case-insensitive in Service Bus.
        if (connection.EntityPath is { } entityPath && !string.Equals(entityPath, queueName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The connection string is scoped to entity '{entityPath}', not '{queueName}'.", nameof(queueName));
        }
        return queueName;
    }

    private static string NamespaceHost(string fullyQualifiedNamespace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        // Accept "sb://ns.servicebus.windows.net/" as well as the bare host name, as the Azure SDK does.
        if (Uri.TryCreate(fullyQualifiedNamespace, UriKind.Absolute, out Uri? uri) && !string.IsNullOrEmpty(uri.Host))
        {
            return uri.Host;
        }
        return Uri.CheckHostName(fullyQualifiedNamespace) is UriHostNameType.Dns or UriHostNameType.IPv4
            ? fullyQualifiedNamespace
            : throw new ArgumentException("Expected a host name such as ns.servicebus.windows.net.", nameof(fullyQualifiedNamespace));
    }
}
