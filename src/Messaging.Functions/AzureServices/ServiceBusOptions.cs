namespace Messaging.Functions.AzureServices;

/// <summary>
/// The topic events are published to in Azure. Bound from the <c>ServiceBus</c> section and checked at start by
/// <see cref="ServiceBusOptionsValidator"/>: set <see cref="FullyQualifiedNamespace"/> or
/// <see cref="ConnectionString"/>, not both; with neither, events are fanned out in-process.
/// </summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "ServiceBus";

    /// <summary>
    /// The namespace (<c>{name}.servicebus.windows.net</c>; a URI such as <c>sb://{name}.servicebus.windows.net/</c>
    /// also works, its host is used), reached with the app's managed identity (<c>DefaultAzureCredential</c>).
    /// </summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>
    /// Or a connection string: <c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c> (or
    /// <c>SharedAccessSignature=…</c>); <c>UseDevelopmentEmulator=true</c> for the local Service Bus emulator.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The topic events are published to; the <c>fanout</c> function reads its <c>fanout</c> subscription, and other
    /// services add their own. Defaults to <c>messaging-events-topic</c>.
    /// </summary>
    public string TopicName { get; set; } = DefaultTopicName;

    public const string DefaultTopicName = "messaging-events-topic";

    /// <summary>
    /// The queue events went to before they went to a topic. No longer read: set while Service Bus is configured it
    /// stops the app at start, since publishing to a queue nothing reads any more would lose every event.
    /// </summary>
    public string? QueueName { get; set; }

    /// <summary>
    /// Opens the AMQP connection to this address's host and port instead of the namespace's (a gateway, a proxy
    /// or a test listener): <c>ServiceBusClientOptions.CustomEndpointAddress</c>. Only the host and port are used;
    /// TLS and authorization still name the namespace. Normally empty; the local emulator needs no endpoint, only a
    /// connection string with <c>UseDevelopmentEmulator=true</c>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Client id of a user-assigned managed identity (<c>ManagedIdentityCredential</c>) for
    /// <see cref="FullyQualifiedNamespace"/>; empty for <c>DefaultAzureCredential</c> (the system-assigned identity in
    /// Azure, a developer login locally).
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary><see cref="Endpoint"/>, or <c>null</c> when it is empty (an empty setting binds to an empty relative URI).</summary>
    internal Uri? EndpointOrNull() => string.IsNullOrWhiteSpace(Endpoint?.OriginalString) ? null : Endpoint;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(FullyQualifiedNamespace) || !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>The namespace's host name: <see cref="FullyQualifiedNamespace"/> as is, or the host of a URI.</summary>
    internal string? NamespaceHost() =>
        FullyQualifiedNamespace?.Trim() is not { Length: > 0 } value ? null
        : Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host
        : value;
}
