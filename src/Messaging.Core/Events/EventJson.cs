using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Messaging.Core.Events;

/// <summary>
/// The one JSON form of events, in the outbox and on the queue alike: the event's fields plus a <c>type</c>
/// discriminator, its class name. Every concrete <see cref="MessagingEvent"/> in this assembly is known, so a
/// feature adds an event by declaring it; nothing central lists them.
/// </summary>
public static class EventJson
{
    public const string TypeProperty = "type";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Events are stored and queued, never rendered as HTML: keep non-ASCII text as is (smaller).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DescribeEventTypes } },
    };

    /// <summary>Every concrete event type, by its discriminator.</summary>
    public static IReadOnlyList<Type> EventTypes { get; } = [.. typeof(MessagingEvent).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(MessagingEvent)) && !type.IsAbstract)
        .OrderBy(type => type.Name, StringComparer.Ordinal)];

    public static string Serialize(MessagingEvent evt) => JsonSerializer.Serialize(evt, Options);

    /// <exception cref="JsonException">The text is not an event.</exception>
    public static MessagingEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<MessagingEvent>(json, Options) ?? throw new JsonException("The JSON holds no event.");

    private static void DescribeEventTypes(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(MessagingEvent))
        {
            return;
        }
        typeInfo.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = TypeProperty };
        foreach (Type type in EventTypes)
        {
            typeInfo.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
        }
    }
}
