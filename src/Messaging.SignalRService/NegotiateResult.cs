using System.Text.Json.Serialization;

namespace Messaging.SignalRService;

/// <summary>
/// What a negotiate endpoint returns to a SignalR client: serialize it as the response body. The names are fixed to
/// <c>url</c> and <c>accessToken</c> (camelCase, as the client requires) whatever the serializer options.
/// </summary>
/// <remarks>Deliberately not a record: a record's <c>ToString</c> would print the token into logs.</remarks>
public sealed class NegotiateResult
{
    /// <summary>Creates the result.</summary>
    public NegotiateResult(string url, string accessToken)
    {
        Url = url;
        AccessToken = accessToken;
    }

    /// <summary>Where the client connects: <c>{endpoint}/client/?hub={hub}</c>.</summary>
    [JsonPropertyName("url")]
    public string Url { get; }

    /// <summary>The client's bearer token for <see cref="Url"/>.</summary>
    [JsonPropertyName("accessToken")]
    public string AccessToken { get; }
}
