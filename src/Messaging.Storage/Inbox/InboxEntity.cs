using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Inbox;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Storage.Inbox;

/// <summary>Maps an inbox entry to and from its row in the user's partition.</summary>
internal static class InboxEntity
{
    /// <summary>Longest message preview kept in an inbox entry, in characters (Unicode scalar values).</summary>
    public const int PreviewLength = 200;

    public const string LastSeq = nameof(LastSeq);
    public const string ReadSeq = nameof(ReadSeq);
    private static readonly string[] LastMessageFields = [LastSeq, "LastMessageAt", "LastSender", "LastPreview"];

    /// <summary>
    /// What <see cref="From"/> reads, selected in queries: leaving out the system properties (PartitionKey, Timestamp
    /// and their type annotations) makes a 200-entry inbox markedly cheaper to serialize, send and parse.
    /// </summary>
    public static readonly string[] Fields = ["RowKey", "Kind", "Participants", "CreatedAt", .. LastMessageFields, ReadSeq];

    /// <summary>
    /// The part of <paramref name="update"/> that moves a row at these counters forward, or null when
    /// nothing would: counters never go back, and the last-message fields travel with LastSeq.
    /// </summary>
    public static TableEntity? Forward(TableEntity update, long currentLastSeq, long currentReadSeq)
    {
        var forward = new TableEntity(update);
        if (update.GetInt64(LastSeq) is not long last || last <= currentLastSeq)
        {
            foreach (string field in LastMessageFields)
            {
                forward.Remove(field);
            }
        }
        if (update.GetInt64(ReadSeq) is not long read || read <= currentReadSeq)
        {
            forward.Remove(ReadSeq);
        }
        return forward.ContainsKey(LastSeq) || forward.ContainsKey(ReadSeq) ? forward : null;
    }

    /// <summary>What a conversation's creation sets; merged, so it never touches the message fields.</summary>
    public static TableEntity Membership(string user, ConversationCreated created) =>
        new(TableLayout.UserPartition(user), TableLayout.InboxRowKey(created.ConversationId))
        {
            ["Kind"] = ConversationEntity.KindName(created.Kind),
            ["Participants"] = EntityJson.WriteList(created.Participants),
            ["CreatedAt"] = created.OccurredAt,
        };

    /// <summary>What a new message sets; the sender has read their own message.</summary>
    public static TableEntity LastMessage(string user, MessageSent sent)
    {
        string content = sent.Message.Content;
        var entity = new TableEntity(TableLayout.UserPartition(user), TableLayout.InboxRowKey(sent.ConversationId))
        {
            ["Participants"] = EntityJson.WriteList(sent.Participants),
            ["LastSeq"] = sent.Message.Seq,
            ["LastMessageAt"] = sent.Message.SentAt,
            ["LastSender"] = sent.Message.Sender,
            ["LastPreview"] = TextLength.Truncate(content, PreviewLength), // never half an emoji
        };
        if (string.Equals(user, sent.Message.Sender, StringComparison.Ordinal))
        {
            entity["ReadSeq"] = sent.Message.Seq;
        }
        return entity;
    }

    /// <summary>What a read sets.</summary>
    public static TableEntity ReadUpTo(MessageRead read) =>
        new(TableLayout.UserPartition(read.User), TableLayout.InboxRowKey(read.ConversationId))
        {
            ["Participants"] = EntityJson.WriteList(read.Participants),
            ["ReadSeq"] = read.ReadSeq,
        };

    public static InboxEntry From(TableEntity entity) => new(
        entity.RowKey[TableLayout.InboxPrefix.Length..],
        ConversationEntity.ParseKind(entity.GetString("Kind")),
        EntityJson.ReadList(entity.GetString("Participants")),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, // none yet on a row a message made before its conversation's event
        entity.GetInt64("LastSeq") ?? 0,
        entity.GetInt64("ReadSeq") ?? 0,
        entity.GetDateTimeOffset("LastMessageAt"),
        entity.GetString("LastSender"),
        entity.GetString("LastPreview"));
}
