using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Messaging.Functions.Http;

/// <summary>Endpoint metadata naming the type of a <see cref="JsonBody{T}"/> parameter.</summary>
public sealed record JsonBodyMetadata(Type RequestType);

/// <summary>Documents the JSON request body of each endpoint that binds a <see cref="JsonBody{T}"/>.</summary>
internal sealed class JsonBodyOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().FirstOrDefault() is not { } body)
        {
            return;
        }
        IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(body.RequestType, cancellationToken: cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = schema },
            },
        };
    }
}
