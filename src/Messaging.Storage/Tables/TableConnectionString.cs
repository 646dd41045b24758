using Messaging.Azure;

namespace Messaging.Storage.Tables;

/// <summary>
/// A parsed storage connection string: the Table endpoint plus either a shared key or a SAS.
/// </summary>
/// <remarks>
/// Understood forms:
/// <list type="bullet">
/// <item><description><c>UseDevelopmentStorage=true</c>: Azurite at <c>http://127.0.0.1:10002/devstoreaccount1</c> with the well-known key.</description></item>
/// <item><description><c>DefaultEndpointsProtocol=https;AccountName=..;AccountKey=..;EndpointSuffix=core.windows.net</c>: <c>{protocol}://{account}.table.{suffix}</c>.</description></item>
/// <item><description>Any of the above with <c>TableEndpoint=..</c>, which wins; path-style endpoints keep their account segment.</description></item>
/// <item><description><c>TableEndpoint=..;SharedAccessSignature=..</c>: the SAS is appended to every request.</description></item>
/// </list>
/// Keys are case-insensitive; unknown keys (<c>BlobEndpoint</c>, ...) are ignored. Error messages never contain the key or signature.
/// </remarks>
public sealed class TableConnectionString
{
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static readonly Uri DevelopmentEndpoint = new("http://127.0.0.1:10002/devstoreaccount1");

    private TableConnectionString(Uri endpoint, string accountName, TableSharedKeyCredential? credential, string? sharedAccessSignature)
    {
        Endpoint = endpoint;
        AccountName = accountName;
        Credential = credential;
        SharedAccessSignature = sharedAccessSignature;
    }

    /// <summary>The Table service endpoint, without a trailing slash.</summary>
    public Uri Endpoint { get; }

    public string AccountName { get; }

    /// <summary>Set when the string has an account key.</summary>
    public TableSharedKeyCredential? Credential { get; }

    /// <summary>The SAS query (without <c>?</c>), when the string has one and no account key.</summary>
    public string? SharedAccessSignature { get; }

    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or empty.</exception>
    /// <exception cref="FormatException">The string is malformed or lacks what is needed to reach and authorize against a Table endpoint.</exception>
    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Dictionary<string, string> settings = ConnectionStringSettings.Parse(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out string? development))
        {
            if (!bool.TryParse(development, out bool useDevelopment) || !useDevelopment)
            {
                throw new FormatException("UseDevelopmentStorage must be 'true' when present.");
            }
            return new TableConnectionString(
                DevelopmentEndpoint,
                DevelopmentAccountName,
                new TableSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
                null);
        }

        settings.TryGetValue("AccountName", out string? accountName);
        settings.TryGetValue("AccountKey", out string? accountKey);
        settings.TryGetValue("SharedAccessSignature", out string? sas);
        Uri endpoint = ResolveEndpoint(settings, accountName);
        accountName ??= AccountNameFrom(endpoint);

        if (!string.IsNullOrEmpty(accountKey))
        {
            if (string.IsNullOrEmpty(accountName))
            {
                throw new FormatException("The connection string has an AccountKey but no AccountName.");
            }
            TableSharedKeyCredential credential;
            try
            {
                credential = new TableSharedKeyCredential(accountName, accountKey);
            }
            catch (ArgumentException)
            {
                throw new FormatException("The connection string's AccountKey is not valid Base64.");
            }
            return new TableConnectionString(endpoint, accountName, credential, null);
        }
        if (!string.IsNullOrEmpty(sas))
        {
            return new TableConnectionString(endpoint, accountName, null, sas.TrimStart('?'));
        }
        throw new FormatException("The connection string has neither an AccountKey nor a SharedAccessSignature.");
    }

    /// <summary>The account of an endpoint: the first path segment for IP/localhost (path style), else the first host label.</summary>
    internal static string AccountNameFrom(Uri endpoint)
    {
        if (endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || endpoint.IsLoopback)
        {
            string[] segments = endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return segments.Length > 0 ? Uri.UnescapeDataString(segments[0]) : string.Empty;
        }
        int dot = endpoint.Host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? endpoint.Host[..dot] : endpoint.Host;
    }

    private static Uri ResolveEndpoint(Dictionary<string, string> settings, string? accountName)
    {
        if (settings.TryGetValue("TableEndpoint", out string? tableEndpoint))
        {
            if (!Uri.TryCreate(tableEndpoint, UriKind.Absolute, out Uri? explicitEndpoint)
                || (explicitEndpoint.Scheme != Uri.UriSchemeHttp && explicitEndpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException("The connection string's TableEndpoint is not an absolute http(s) URI.");
            }
            return TrimTrailingSlash(explicitEndpoint);
        }

        if (string.IsNullOrEmpty(accountName))
        {
            throw new FormatException("The connection string needs a TableEndpoint, or an AccountName to build one from.");
        }
        string protocol = settings.TryGetValue("DefaultEndpointsProtocol", out string? p) ? p.ToLowerInvariant() : Uri.UriSchemeHttps;
        if (protocol != Uri.UriSchemeHttp && protocol != Uri.UriSchemeHttps)
        {
            throw new FormatException("DefaultEndpointsProtocol must be 'http' or 'https'.");
        }
        string suffix = settings.TryGetValue("EndpointSuffix", out string? s) ? s.Trim('.') : "core.windows.net";
        if (!Uri.TryCreate($"{protocol}://{accountName}.table.{suffix}", UriKind.Absolute, out Uri? endpoint))
        {
            throw new FormatException("The connection string's AccountName and EndpointSuffix do not form a valid host name.");
        }
        return endpoint;
    }

    private static Uri TrimTrailingSlash(Uri endpoint)
    {
        string text = endpoint.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') && endpoint.AbsolutePath.Length > 1 ? new Uri(text.TrimEnd('/')) : new Uri(text);
    }
}
