using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Messaging.Core;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Http;

/// <summary>
/// A request's JSON object body bound to <typeparamref name="T"/>: the one place where bodies are read and
/// checked. It enforces the size and depth limits, turns every shape problem into a 400 naming the field,
/// ignores unknown fields, and does not require a JSON Content-Type, so a plain <c>curl -d</c> works.
/// </summary>
/// <remarks>
/// Fields declared <c>required</c> on <typeparamref name="T"/> must be present and not null. An empty body is
/// an empty object, so requests without required fields (the <c>_getAll*</c> queries) need no body at all.
/// </remarks>
public sealed class JsonBody<T> : IEndpointParameterMetadataProvider
    where T : class
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = MessagingLimits.MaxJsonDepth };

    private JsonBody(T value) => Value = value;

    public T Value { get; }

    /// <summary>Called by minimal APIs to bind the parameter; a rejection becomes its 4xx in <see cref="ErrorHandling"/>.</summary>
    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        JsonTypeInfo<T> typeInfo = TypeInfo(context);
        using JsonDocument document = Parse(await ReadAsync(context.Request, context.RequestAborted));
        JsonElement root = document.RootElement;
        foreach (JsonPropertyInfo property in typeInfo.Properties)
        {
            if (property.IsRequired && (!root.TryGetProperty(property.Name, out JsonElement value) || value.ValueKind == JsonValueKind.Null))
            {
                throw Rejected($"{property.Name} is required.");
            }
        }
        try
        {
            return new JsonBody<T>(root.Deserialize(typeInfo) ?? throw Rejected("The request body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            throw Rejected(Describe(typeInfo, ex));
        }
    }

    /// <summary>
    /// Tells the OpenAPI document that the body is a JSON <typeparamref name="T"/>. Not as <c>IAcceptsMetadata</c>:
    /// routing would then answer 415 to bodies sent without a JSON Content-Type.
    /// </summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new JsonBodyMetadata(typeof(T)));

    private static JsonTypeInfo<T> TypeInfo(HttpContext context)
    {
        JsonSerializerOptions options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MessagingLimits.MaxRequestBodyBytes)
        {
            throw TooLarge();
        }
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            Memory<byte> chunk = buffer.GetMemory(16 * 1024);
            int read = await request.Body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > MessagingLimits.MaxRequestBodyBytes)
            {
                throw TooLarge();
            }
        }
        return buffer.WrittenMemory;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            json = "{}"u8.ToArray();
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw Rejected($"The request body is not valid JSON: {ex.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Rejected("The request body must be a JSON object.");
        }
        return document;
    }

    /// <summary>Names the field a deserialization error is about and what it must be.</summary>
    private static string Describe(JsonTypeInfo<T> typeInfo, JsonException ex)
    {
        // The path of a field of the body object is "$.name" (or "$['name']" for names that need quoting).
        string? name = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..].Split('.', '[')[0]
            : null;
        JsonPropertyInfo? property = typeInfo.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
        if (property is null)
        {
            return "The request body is not valid.";
        }
        if (ex.InnerException is InvalidOperationException)
        {
            // an escaped lone surrogate ("\ud800") is valid JSON but not text
            return $"{property.Name} must be valid Unicode text.";
        }
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(bool) ? $"{property.Name} must be true or false."
            : type == typeof(string) ? $"{property.Name} must be a string."
            : $"{property.Name} has the wrong type.";
    }

    private static RequestRejectedException Rejected(string message) => new(StatusCodes.Status400BadRequest, message);

    private static RequestRejectedException TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge, $"The request body must be at most {MessagingLimits.MaxRequestBodyBytes} bytes.");
}
