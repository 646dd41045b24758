using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace Messaging.Storage;

/// <summary>Builds the <see cref="TableServiceClient"/> from <see cref="TableStorageOptions"/>.</summary>
public static class TableStorageConnection
{
    /// <summary>The one message for a connection string the SDK cannot use. It never contains the string, which may hold a key.</summary>
    private const string Invalid =
        "The table storage connection string (TableStorage:ConnectionString, or AzureWebJobsStorage when that is unset) is not valid";

    private const string Forms =
        "use UseDevelopmentStorage=true, AccountName=...;AccountKey=... (optionally with DefaultEndpointsProtocol, EndpointSuffix or TableEndpoint), or TableEndpoint=...;SharedAccessSignature=...";

    /// <summary>
    /// A connection string, or the endpoint with <c>DefaultAzureCredential</c> (or the configured user-assigned managed identity).
    /// </summary>
    /// <exception cref="FormatException">The connection string cannot be used; the message does not repeat it.</exception>
    public static TableServiceClient CreateServiceClient(TableStorageOptions options, TableClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return FromConnectionString(options.ConnectionString, clientOptions);
        }
        if (options.Endpoint is null)
        {
            throw new InvalidOperationException("Set TableStorage:ConnectionString or TableStorage:Endpoint.");
        }
        TokenCredential credential = string.IsNullOrEmpty(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ExcludeInteractiveBrowserCredential = true })
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        return new TableServiceClient(options.Endpoint, credential, clientOptions);
    }

    /// <summary>
    /// The SDK's retries, but shorter: its defaults (0.8 s doubling, 3 retries) hold a request for about 6 s when
    /// storage is down, where a chat client is better told 503 within 2 s and retries itself.
    /// </summary>
    public static TableClientOptions DefaultClientOptions() => new()
    {
        Retry =
        {
            Mode = Azure.Core.RetryMode.Exponential,
            MaxRetries = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(1),
            NetworkTimeout = TimeSpan.FromSeconds(30),
        },
    };

    /// <summary>Why <paramref name="connectionString"/> cannot be used, or null when it can. Never repeats the string.</summary>
    public static string? Validate(string connectionString)
    {
        try
        {
            FromConnectionString(connectionString, null);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The Table service endpoint a connection string points at (for Azurite: with its account path segment).</summary>
    /// <exception cref="FormatException">The connection string cannot be used.</exception>
    public static Uri Endpoint(string connectionString) => FromConnectionString(connectionString, null).Uri;

    /// <summary>The emulator's well-known account key: public, documented by Microsoft, not a secret.</summary>
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// <c>UseDevelopmentStorage=true;TableEndpoint=...</c> as the explicit emulator account at that endpoint. The SDK
    /// ignores every other setting beside <c>UseDevelopmentStorage</c>, so an emulator on another port would
    /// silently be looked for on 10002.
    /// </summary>
    private static string WithDevelopmentEndpoint(string connectionString)
    {
        var settings = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            settings.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return connectionString; // the SDK reports it
        }
        if (!settings.TryGetValue("UseDevelopmentStorage", out object? development)
            || !string.Equals(development as string, "true", StringComparison.OrdinalIgnoreCase)
            || !settings.TryGetValue("TableEndpoint", out object? endpoint) || endpoint is not string tableEndpoint)
        {
            return connectionString;
        }
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};TableEndpoint={tableEndpoint}";
    }

    /// <remarks>
    /// The SDK's own parse errors are not passed on, not even as inner exceptions: some repeat a segment of the
    /// string (<c>Connection string doesn't have value for keyword '...'</c>), which may be a pasted key.
    /// </remarks>
    private static TableServiceClient FromConnectionString(string connectionString, TableClientOptions? clientOptions)
    {
        TableServiceClient client;
        try
        {
            client = new TableServiceClient(WithDevelopmentEndpoint(connectionString), clientOptions);
        }
        catch (UriFormatException)
        {
            throw new FormatException($"{Invalid}: its TableEndpoint is not a valid URI.");
        }
        catch (FormatException)
        {
            // The only FormatException the SDK's parser lets through: Convert.FromBase64String on the key.
            throw new FormatException($"{Invalid}: its AccountKey is not valid Base64.");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"{Invalid}: {Forms}.");
        }
        if (client.Uri.Scheme != Uri.UriSchemeHttps && client.Uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new FormatException($"{Invalid}: its table endpoint must be http or https.");
        }
        return client;
    }
}
