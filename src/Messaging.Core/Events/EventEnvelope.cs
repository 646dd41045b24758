using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Messaging.Core.Events;

/// <summary>
/// The body of an event published to the Service Bus topic:
/// <c>{"type", "eventId", "occurredAt", "data": {...}, "fanOut": {...}}</c>. <c>data</c> is the event's
/// <see cref="MessagingEvent.ToDownstream"/> fields, the contract with other services; <c>fanOut</c> is the event as
/// the outbox holds it (<see cref="EventJson"/>), which only the <c>fanout</c> function reads and which may change
/// in any release.
/// </summary>
/// <remarks>
/// Carrying both would double the largest events (a group's member list, a long message) past a Standard message's
/// 256 KB, so <c>fanOut</c> does not repeat what <c>data</c> already holds: any value of it whose JSON is at least
/// <see cref="MinSharedBytes"/> long and equal to a value in <c>data</c> is written as <c>{"$ref": "/pointer"}</c>
/// (a JSON Pointer into <c>data</c>), and <see cref="Read"/> puts it back. Lossless whatever matches: a reference
/// only ever stands for an equal value. (The outbox JSON has no free-form objects, a message's payload being a
/// string, so a <c>{"$ref"}</c> object in it is always one of these.)
/// </remarks>
public static class EventEnvelope
{
    public const string TypeProperty = "type";
    public const string DataProperty = "data";
    public const string FanOutProperty = "fanOut";
    private const string RefProperty = "$ref";

    /// <summary>Shorter values are repeated rather than referenced: a reference itself takes some 20 bytes.</summary>
    public const int MinSharedBytes = 64;

    /// <summary>The downstream JSON: camelCase, nulls left out, times as ISO-8601 UTC with milliseconds, as the API writes them.</summary>
    public static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web)
    {
        // Published, never rendered as HTML: keep non-ASCII text as is (smaller), as the outbox does.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new UtcMillisecondsConverter(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The published body of <paramref name="evt"/>.</summary>
    public static string Serialize(MessagingEvent evt)
    {
        DownstreamEvent downstream = evt.ToDownstream();
        JsonNode data = JsonSerializer.SerializeToNode(downstream.Data, downstream.Data.GetType(), DataOptions)
            ?? throw new InvalidOperationException($"{evt.GetType().Name} has no downstream data.");
        JsonNode fanOut = JsonSerializer.SerializeToNode(evt, EventJson.Options)!;

        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        Index(data, string.Empty, shared);
        ShareChildren(fanOut, shared);
        var envelope = new JsonObject
        {
            [TypeProperty] = downstream.Type,
            ["eventId"] = evt.EventId,
            ["occurredAt"] = JsonSerializer.SerializeToNode(evt.OccurredAt, DataOptions),
            [DataProperty] = data,
            [FanOutProperty] = fanOut,
        };
        return envelope.ToJsonString(DataOptions);
    }

    /// <summary>The event a published body carries, as the fan-out needs it; also the plain outbox JSON an earlier version queued.</summary>
    /// <exception cref="JsonException">The text is not an event.</exception>
    public static MessagingEvent Read(string json)
    {
        JsonNode? root = JsonNode.Parse(json);
        if (root is not JsonObject envelope || envelope[FanOutProperty] is not JsonObject fanOut)
        {
            return EventJson.Deserialize(json);
        }
        JsonNode data = envelope[DataProperty] ?? throw new JsonException($"The event has '{FanOutProperty}' but no '{DataProperty}'.");
        ResolveChildren(fanOut, data);
        return fanOut.Deserialize<MessagingEvent>(EventJson.Options) ?? throw new JsonException("The JSON holds no event.");
    }

    /// <summary>Every value of <paramref name="node"/> long enough to share, by its JSON, with its pointer (the first, outermost, wins).</summary>
    private static void Index(JsonNode? node, string pointer, Dictionary<string, string> shared)
    {
        if (node is null)
        {
            return;
        }
        string json = node.ToJsonString(DataOptions);
        if (json.Length < MinSharedBytes)
        {
            return; // nothing inside is long enough either
        }
        if (pointer.Length > 0)
        {
            shared.TryAdd(json, pointer);
        }
        switch (node)
        {
            case JsonObject obj:
                foreach ((string name, JsonNode? child) in obj)
                {
                    Index(child, pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), shared);
                }
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Index(array[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), shared);
                }
                break;
        }
    }

    /// <summary>Replaces, outermost first, the values under <paramref name="node"/> that <paramref name="shared"/> holds by references.</summary>
    private static void ShareChildren(JsonNode node, Dictionary<string, string> shared) =>
        Rewrite(node, child =>
        {
            string json = child.ToJsonString(DataOptions);
            if (json.Length < MinSharedBytes)
            {
                return null;
            }
            if (shared.TryGetValue(json, out string? pointer))
            {
                return new JsonObject { [RefProperty] = pointer };
            }
            ShareChildren(child, shared);
            return null;
        });

    /// <summary>Puts back, under <paramref name="node"/>, the values references stand for.</summary>
    private static void ResolveChildren(JsonNode node, JsonNode data) =>
        Rewrite(node, child =>
        {
            if (child is JsonObject { Count: 1 } reference && reference[RefProperty] is JsonValue target && target.TryGetValue(out string? pointer))
            {
                return Find(data, pointer).DeepClone();
            }
            ResolveChildren(child, data);
            return null;
        });

    /// <summary>Replaces each child of <paramref name="node"/> for which <paramref name="replacement"/> returns a node.</summary>
    private static void Rewrite(JsonNode node, Func<JsonNode, JsonNode?> replacement)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (string name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is { } child && replacement(child) is { } replaced)
                    {
                        obj[name] = replaced;
                    }
                }
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child && replacement(child) is { } replaced)
                    {
                        array[i] = replaced;
                    }
                }
                break;
        }
    }

    private static JsonNode Find(JsonNode data, string pointer)
    {
        JsonNode? node = data;
        foreach (string token in pointer.Split('/').Skip(1))
        {
            string name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[name],
                JsonArray array when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < array.Count => array[i],
                _ => null,
            };
            if (node is null)
            {
                break;
            }
        }
        return node ?? throw new JsonException($"The event refers to '{pointer}', which its data does not hold.");
    }

    /// <summary>Times as the API writes them: <c>2026-11-22T04:32:12.345Z</c>.</summary>
    private sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
