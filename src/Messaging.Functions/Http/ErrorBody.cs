using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Functions.Http;

/// <summary>The body of every error response: <c>{"error": "..."}</c>.</summary>
public sealed record ErrorBody([property: JsonPropertyName("error"), JsonConverter(typeof(ReadableStringConverter))] string Error);

/// <summary>
/// Writes the error text with quotes and non-ASCII left as they are (<c>'k1'</c>, not <c>\u0027k1\u0027</c>), so people
/// can read it. On the property, so every writer of an <see cref="ErrorBody"/> gets it; an error body is JSON, never
/// HTML, so the HTML-safe escaping of the default encoder buys nothing here.
/// </summary>
internal sealed class ReadableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
}
