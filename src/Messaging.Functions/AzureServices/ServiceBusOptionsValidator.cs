using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.AzureServices;

/// <summary>
/// Refuses, at start, a <c>ServiceBus</c> section the client could not use or would read differently from what was
/// meant. Messages name settings, never echo a connection string (it holds the key): the SDK's own parse errors can
/// include the whole string, so they are replaced, not passed on.
/// </summary>
internal sealed class ServiceBusOptionsValidator : IValidateOptions<ServiceBusOptions>
{
    private const string Section = ServiceBusOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ServiceBusOptions options)
    {
        var failures = new List<string>();
        bool hasNamespace = !string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace);
        bool hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);

        if (hasNamespace && hasConnectionString)
        {
            failures.Add(
                $"{Section}:FullyQualifiedNamespace and {Section}:ConnectionString are both set; set only one "
                + "(the namespace to use a managed identity, or the connection string to use its key).");
        }
        if (hasNamespace && Uri.CheckHostName(options.NamespaceHost()) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            failures.Add($"{Section}:FullyQualifiedNamespace is not a host name such as <name>.servicebus.windows.net.");
        }
        if (hasConnectionString)
        {
            CheckConnectionString(options.ConnectionString!, options.TopicName, failures);
        }
        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) && !hasNamespace)
        {
            failures.Add($"{Section}:ManagedIdentityClientId is set but only applies with {Section}:FullyQualifiedNamespace, which is not set.");
        }
        if (options.EndpointOrNull() is { } endpoint)
        {
            if (!options.IsConfigured)
            {
                failures.Add($"{Section}:Endpoint is set but neither {Section}:FullyQualifiedNamespace nor {Section}:ConnectionString is.");
            }
            if (!endpoint.IsAbsoluteUri || string.IsNullOrEmpty(endpoint.Host))
            {
                failures.Add($"{Section}:Endpoint is not an absolute URI with a host, such as sb://gateway.example.com:5671.");
            }
        }
        if (options.IsConfigured && string.IsNullOrWhiteSpace(options.TopicName))
        {
            failures.Add($"{Section}:TopicName must not be empty.");
        }
        if (options.IsConfigured && !string.IsNullOrWhiteSpace(options.QueueName))
        {
            failures.Add(
                $"{Section}:QueueName is no longer read: events go to a topic, {Section}:TopicName (default "
                + $"{ServiceBusOptions.DefaultTopicName}), whose fanout subscription the fanout function reads. Remove {Section}:QueueName.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckConnectionString(string connectionString, string topicName, List<string> failures)
    {
        const string Setting = $"{Section}:ConnectionString";
        ServiceBusConnectionStringProperties properties;
        try
        {
            properties = ServiceBusConnectionStringProperties.Parse(connectionString);
        }
        catch (FormatException)
        {
            failures.Add(
                $"{Setting} is not a Service Bus connection string of the form "
                + "Endpoint=sb://<name>.servicebus.windows.net/;SharedAccessKeyName=<policy>;SharedAccessKey=<key>.");
            return;
        }
        catch (ArgumentException)
        {
            // Some SDK versions throw this for UseDevelopmentEmulator=true with a remote endpoint, quoting the whole string.
            failures.Add($"{Setting} sets UseDevelopmentEmulator=true, but its Endpoint is not on this machine.");
            return;
        }

        if (UsesDevelopmentEmulator(connectionString) && properties.Endpoint is { IsLoopback: false })
        {
            // The emulator is reached without TLS: never send the key that way to another machine.
            failures.Add($"{Setting} sets UseDevelopmentEmulator=true, but its Endpoint is not on this machine.");
        }
        bool hasKey = !string.IsNullOrEmpty(properties.SharedAccessKeyName) && !string.IsNullOrEmpty(properties.SharedAccessKey);
        bool hasSignature = !string.IsNullOrEmpty(properties.SharedAccessSignature);
        if (string.IsNullOrEmpty(properties.Endpoint?.Host))
        {
            failures.Add($"{Setting} has no Endpoint (Endpoint=sb://<name>.servicebus.windows.net/).");
        }
        if (!hasKey && !hasSignature)
        {
            failures.Add($"{Setting} needs SharedAccessKeyName and SharedAccessKey, or a SharedAccessSignature.");
        }
        if (hasKey && hasSignature)
        {
            failures.Add($"{Setting} has both a SharedAccessKey and a SharedAccessSignature; keep one.");
        }
        if (!string.IsNullOrEmpty(properties.EntityPath) && !string.Equals(properties.EntityPath, topicName, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Setting} is scoped to the entity '{properties.EntityPath}', but {Section}:TopicName is '{topicName}'.");
        }
    }

    /// <summary>Whether the string has <c>UseDevelopmentEmulator=true</c>, as the SDK reads it (the SDK keeps its own flag internal).</summary>
    private static bool UsesDevelopmentEmulator(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(segment => segment.Split('=', 2, StringSplitOptions.TrimEntries))
            .Any(pair => pair.Length == 2
                && pair[0].Equals("UseDevelopmentEmulator", StringComparison.OrdinalIgnoreCase)
                && bool.TryParse(pair[1], out bool value) && value);
}
