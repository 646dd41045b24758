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
/// Fields declared <c>required</c> on <typeparamref name="T"/> must be present and not null. Every request needs a
/// body, <c>{}</c> when there are no fields: an empty body is more likely a client that lost it than a request.
/// A field given twice is refused: which copy counts would be a guess (this serializer takes the last, other readers the first).
/// Messages are in plain words; the parser's own texts name its internals (paths, reader options).
/// </remarks>
public sealed class JsonBody<T> : IEndpointParameterMetadataProvider
    where T : class
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = MessagingLimits.MaxJsonDepth };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private JsonBody(T value) => Value = value;

    public T Value { get; }

    /// <summary>Called by minimal APIs to bind the parameter; a rejection becomes its 4xx in <see cref="ErrorHandling"/>.</summary>
    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        JsonTypeInfo<T> typeInfo = TypeInfo(context);
        using JsonDocument document = Parse(await ReadAsync(context.Request, context.RequestAborted), typeInfo.Options.PropertyNameCaseInsensitive);
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
            throw Rejected(Describe(typeInfo, root, ex));
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

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, bool caseInsensitive)
    {
        if (json.Span.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..]; // some clients (PowerShell, Notepad) write one
        }
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw Rejected("The request body is empty; it must be a JSON object, such as {}.");
        }
        Check(json.Span, caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException)
        {
            throw Rejected("The request body is not valid JSON."); // Check found nothing, so not expected
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Rejected("The request body must be a JSON object.");
        }
        return document;
    }

    /// <summary>
    /// Reads the body once to describe, in plain words, what the parser would refuse with its own texts: bad syntax
    /// (with where), nesting past the limit, and a field given twice in one object (compared as the serializer
    /// matches names, so <c>user1</c> and <c>User1</c> are one field when it ignores case).
    /// </summary>
    private static void Check(ReadOnlySpan<byte> json, StringComparer names)
    {
        // One level more than the limit, so going past it is reported here rather than thrown by the reader.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MessagingLimits.MaxJsonDepth + 1 });
        var objects = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= MessagingLimits.MaxJsonDepth)
                        {
                            throw Rejected($"The request body is nested more than {MessagingLimits.MaxJsonDepth} levels deep.");
                        }
                        objects.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(names) : null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        objects.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        string name = reader.GetString()!;
                        if (!objects.Peek()!.Add(name))
                        {
                            throw Rejected($"The field '{name}' appears more than once in the request body.");
                        }
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw Rejected(ex is { LineNumber: long line, BytePositionInLine: long position }
                ? $"The request body is not valid JSON (line {line + 1}, byte {position + 1})."
                : "The request body is not valid JSON.");
        }
        catch (InvalidOperationException)
        {
            throw Rejected("A field name in the request body is not valid Unicode text."); // an escaped lone surrogate
        }
    }

    /// <summary>Names the field a deserialization error is about and what it must be.</summary>
    private static string Describe(JsonTypeInfo<T> typeInfo, JsonElement root, JsonException ex)
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
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string) && root.TryGetProperty(property.Name, out JsonElement value) && value.ValueKind == JsonValueKind.String)
        {
            // A string that cannot be read as one: an escaped lone surrogate ("\ud800") is valid JSON but not text.
            // (Not told by the exception: a wrong type also comes wrapped around an InvalidOperationException.)
            return $"{property.Name} must be valid Unicode text.";
        }
        return type == typeof(bool) ? $"{property.Name} must be true or false."
            : type == typeof(string) ? $"{property.Name} must be a string."
            : $"{property.Name} has the wrong type.";
    }

    private static RequestRejectedException Rejected(string message) => new(StatusCodes.Status400BadRequest, message);

    private static RequestRejectedException TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge, $"The request body must be at most {MessagingLimits.MaxRequestBodyBytes} bytes.");
}
