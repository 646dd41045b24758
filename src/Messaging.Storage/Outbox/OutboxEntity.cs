using System.Globalization;
using System.Text;
using System.Text.Json;
using Messaging.Core.Events;
using Messaging.Storage.Layout;
using Messaging.Storage.Tables;

namespace Messaging.Storage.Outbox;

/// <summary>
/// An outbox row (<c>out_{eventId}</c>) holding the event as JSON. The JSON is split over several
/// properties because a large message can serialize past one string property's 64 KiB.
/// </summary>
internal static class OutboxEntity
{
    private const int PartLength = 30_000; // characters: 60 KB as UTF-16, under the 64 KiB property limit

    public static TableEntity Create(MessagingEvent evt)
    {
        string json = JsonSerializer.Serialize(evt, EntityJson.Options);
        var entity = new TableEntity(evt.ConversationId, TableLayout.OutboxRowKey(evt.EventId));
        int parts = 0;
        for (int start = 0; start < json.Length; start += PartLength, parts++)
        {
            entity[PartName(parts)] = json.Substring(start, Math.Min(PartLength, json.Length - start));
        }
        entity["Parts"] = parts;
        return entity;
    }

    public static MessagingEvent Read(TableEntity entity)
    {
        int parts = entity.GetInt32("Parts") ?? 0;
        var json = new StringBuilder();
        for (int i = 0; i < parts; i++)
        {
            json.Append(entity.GetString(PartName(i)));
        }
        return JsonSerializer.Deserialize<MessagingEvent>(json.ToString(), EntityJson.Options)
            ?? throw new JsonException($"Outbox row {entity.RowKey} holds no event.");
    }

    private static string PartName(int index) => string.Create(CultureInfo.InvariantCulture, $"Event{index}");
}
