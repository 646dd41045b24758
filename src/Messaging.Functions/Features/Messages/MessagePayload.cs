using System.Text.Encodings.Web;
using System.Text.Json;
using Messaging.Core;

namespace Messaging.Functions.Features.Messages;

/// <summary>A message's <c>payload</c>: a JSON object, kept as compact JSON text so that it is returned as sent.</summary>
public static class MessagePayload
{
    // Non-ASCII text stays as it was sent rather than \u-escaped, so the byte limit counts what the client sent.
    private static readonly JsonWriterOptions CompactWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The payload as compact JSON text; null when none was sent (or it was <c>null</c>).</summary>
    public static Result<string?> Compact(JsonElement? payload)
    {
        if (payload is not { ValueKind: not JsonValueKind.Null } value)
        {
            return Result<string?>.Ok(null);
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Error.Invalid("payload must be a JSON object.");
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactWriting))
        {
            value.WriteTo(writer);
        }
        return Result<string?>.Ok(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
