using System.Text.Json.Serialization;

namespace Messaging.Functions.Endpoints;

public sealed record NegotiateResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("accessToken")] string AccessToken);
