namespace Messaging.Functions.AzureServices;

/// <summary>The queue events are published to in Azure. Bound from the <c>ServiceBus</c> section.</summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "ServiceBus";

    /// <summary>The namespace (<c>{name}.servicebus.windows.net</c>), reached with the app's managed identity.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Or a SAS connection string (<c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The queue the <c>fanout</c> function is triggered by. Defaults to <c>messaging-events</c>.</summary>
    public string QueueName { get; set; } = "messaging-events";

    /// <summary>Sends to this address instead of the namespace's (an emulator or a test listener); normally empty.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(FullyQualifiedNamespace) || !string.IsNullOrWhiteSpace(ConnectionString);
}
