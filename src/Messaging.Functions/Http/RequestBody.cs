using System.Buffers;
using System.Text.Json;
using Messaging.Core;

namespace Messaging.Functions.Http;

/// <summary>
/// A request's JSON object body, read with size and depth limits, with typed field access that turns
/// every shape problem into a 400 naming the field. The Content-Type header is not required to be JSON,
/// so a plain <c>curl -d</c> works.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = MessagingLimits.MaxJsonDepth };
    private readonly JsonDocument _document;

    private RequestBody(JsonDocument document) => _document = document;

    public static async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
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

        ReadOnlyMemory<byte> json = buffer.WrittenMemory;
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            json = "{}"u8.ToArray(); // an empty body is an empty object: the _getAll* queries need no fields
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {ex.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");
        }
        return new RequestBody(document);
    }

    /// <summary>A field that must be present and a JSON string.</summary>
    public string RequiredString(string name) =>
        OptionalString(name) ?? throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"{name} is required.");

    /// <summary>A field that may be absent (or null); when present it must be a JSON string.</summary>
    public string? OptionalString(string name)
    {
        if (!_document.RootElement.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"{name} must be a string.");
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // an escaped lone surrogate ("\ud800") is valid JSON but not text
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"{name} must be valid Unicode text.");
        }
    }

    /// <summary>A field that must be present and <c>true</c> or <c>false</c>.</summary>
    public bool RequiredBoolean(string name)
    {
        if (!_document.RootElement.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"{name} is required.");
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestRejectedException(StatusCodes.Status400BadRequest, $"{name} must be true or false."),
        };
    }

    public void Dispose() => _document.Dispose();

    private static RequestRejectedException TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge, $"The request body must be at most {MessagingLimits.MaxRequestBodyBytes} bytes.");
}
