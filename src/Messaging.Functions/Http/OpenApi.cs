using Microsoft.OpenApi;

namespace Messaging.Functions.Http;

/// <summary>The OpenAPI document of the HTTP API, generated from the endpoints at run time.</summary>
public static class OpenApi
{
    public const string Path = "/api/openapi.json";

    public static IServiceCollection AddMessagingOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Messaging API";
                document.Info.Description = "Every action and query is POST /api/Messaging/{name} with a JSON object body; errors are {\"error\": \"...\"}.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<JsonBodyOperationTransformer>();
            // The converter that keeps error texts readable hides from the generator that they are strings.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonPropertyInfo?.CustomConverter is ReadableStringConverter && schema is OpenApiSchema concrete)
                {
                    concrete.Type = JsonSchemaType.String;
                }
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapMessagingOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(Path);
        return routes;
    }
}
