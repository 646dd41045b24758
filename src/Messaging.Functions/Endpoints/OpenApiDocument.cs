namespace Messaging.Functions.Endpoints;

/// <summary>Where the OpenAPI document of the HTTP API is served (generated from the endpoints at run time).</summary>
public static class OpenApiDocument
{
    public const string Path = "/api/openapi.json";
}
