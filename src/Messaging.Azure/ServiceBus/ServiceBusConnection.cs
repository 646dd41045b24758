namespace Messaging.Azure.ServiceBus;

/// <summary>
/// A parsed Service Bus connection string:
/// <c>Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName=..;SharedAccessKey=..[;EntityPath=..]</c>.
/// </summary>
/// <remarks>
/// Keys are case-insensitive; unknown keys are ignored. Only the namespace's host name is kept from the endpoint:
/// the REST API is always reached over HTTPS whatever scheme (<c>sb://</c>) the string uses. Error messages never
/// contain the key.
/// </remarks>
public sealed class ServiceBusConnection
{
    private ServiceBusConnection(string fullyQualifiedNamespace, string sharedAccessKeyName, string sharedAccessKey, string? entityPath)
    {
        FullyQualifiedNamespace = fullyQualifiedNamespace;
        SharedAccessKeyName = sharedAccessKeyName;
        SharedAccessKey = sharedAccessKey;
        EntityPath = entityPath;
    }

    /// <summary>The namespace's host name, e.g. <c>ns.servicebus.windows.net</c>.</summary>
    public string FullyQualifiedNamespace { get; }

    /// <summary>The SAS policy name, e.g. <c>RootManageSharedAccessKey</c>.</summary>
    public string SharedAccessKeyName { get; }

    /// <summary>The queue or topic the string is scoped to, when it has <c>EntityPath</c>.</summary>
    public string? EntityPath { get; }

    /// <summary>The SAS key. Internal so it is not one property access away from a log line.</summary>
    internal string SharedAccessKey { get; }

    /// <summary>Parses a namespace- or entity-level connection string.</summary>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or blank.</exception>
    /// <exception cref="FormatException">The string is malformed or lacks the endpoint, key name or key.</exception>
    public static ServiceBusConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Dictionary<string, string> settings = ConnectionStringSettings.Parse(connectionString);

        string endpoint = settings.Optional("Endpoint")
            ?? throw new FormatException("The Service Bus connection string has no Endpoint.");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("The Service Bus connection string's Endpoint is not an absolute URI such as sb://<namespace>.servicebus.windows.net/.");
        }
        if (settings.Optional("SharedAccessSignature") is not null)
        {
            throw new FormatException("Service Bus connection strings with a SharedAccessSignature are not supported; use SharedAccessKeyName and SharedAccessKey.");
        }
        string keyName = settings.Optional("SharedAccessKeyName")
            ?? throw new FormatException("The Service Bus connection string has no SharedAccessKeyName.");
        string key = settings.Optional("SharedAccessKey")
            ?? throw new FormatException("The Service Bus connection string has no SharedAccessKey.");

        return new ServiceBusConnection(uri.Host, keyName, key, settings.Optional("EntityPath"));
    }
}
