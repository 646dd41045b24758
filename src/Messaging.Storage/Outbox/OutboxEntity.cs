using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Messaging.Core.Events;
using Messaging.Storage.Layout;

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
        string json = EventJson.Serialize(evt);
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
        return EventJson.Deserialize(json.ToString());
    }

    private static string PartName(int index) => string.Create(CultureInfo.InvariantCulture, $"Event{index}");
}
