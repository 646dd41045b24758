using System.Text.Json.Serialization;

namespace Messaging.Functions.Realtime;

public sealed record NegotiateResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("accessToken")] string AccessToken);
