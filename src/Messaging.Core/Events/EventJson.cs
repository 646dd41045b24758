using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Core.Events;

/// <summary>The one JSON form of events, in the outbox and on the queue alike.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Events are stored and queued, never rendered as HTML: keep non-ASCII text as is (smaller).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(MessagingEvent evt) => JsonSerializer.Serialize(evt, Options);

    /// <exception cref="JsonException">The text is not an event.</exception>
    public static MessagingEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<MessagingEvent>(json, Options) ?? throw new JsonException("The JSON holds no event.");
}
