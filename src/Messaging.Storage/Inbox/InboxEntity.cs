using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Inbox;
using Messaging.Storage.Conversations;
using Messaging.Storage.Layout;
using Messaging.Storage.Settings;
using Messaging.Core.Conversations;
using Messaging.Core.Groups;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Storage.Inbox;

/// <summary>Maps an inbox entry to and from its row in the user's partition.</summary>
internal static class InboxEntity
{
    /// <summary>Longest message preview kept in an inbox entry, in characters (Unicode scalar values).</summary>
    public const int PreviewLength = MessagingLimits.PreviewLength;

    public const string LastSeq = nameof(LastSeq);
    public const string ReadSeq = nameof(ReadSeq);
    public const string LastPreview = nameof(LastPreview);

    /// <summary>The conversation's revision as of the last change to a message the user sees (see <c>Core.Sync.Revision</c>).</summary>
    public const string Revision = nameof(Revision);
    private static readonly string[] LastMessageFields = [LastSeq, "LastMessageAt", "LastSender", "LastPreview"];

    /// <summary>
    /// What <see cref="From"/> reads, selected in queries: leaving out the system properties (PartitionKey, Timestamp
    /// and their type annotations) makes a 200-entry inbox markedly cheaper to serialize, send and parse.
    /// </summary>
    public static readonly string[] Fields =
        ["RowKey", "Kind", .. LargeText.PropertyNames("Participants"), "CreatedAt", "CreatedBy", "Title", "Category", "Removed", .. LastMessageFields, ReadSeq, .. SettingsEntity.Fields];

    /// <summary>
    /// The part of <paramref name="update"/> that moves a row at these counters forward, or null when
    /// nothing would: counters never go back, and the last-message fields travel with LastSeq. The user's settings
    /// (<see cref="SettingsEntity"/>) are never part of an update, so the merge leaves them as they are.
    /// </summary>
    public static TableEntity? Forward(TableEntity update, long currentLastSeq, long currentReadSeq)
    {
        var forward = new TableEntity(update);
        if (update.GetInt64(LastSeq) is not long last || last <= currentLastSeq)
        {
            // Everything but the read cursor describes the conversation as of LastSeq: a replayed or late event's
            // members, title or last message must not overwrite newer ones.
            foreach (string field in update.Keys.Where(k => k is not (ReadSeq or "PartitionKey" or "RowKey" or "odata.etag")).ToArray())
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
    public static TableEntity Membership(string user, ConversationCreated created)
    {
        var entity = new TableEntity(TableLayout.UserPartition(user), TableLayout.InboxRowKey(created.ConversationId));
        WriteConversation(entity, created.Conversation);
        return entity;
    }

    /// <summary>What a group change sets in a member's entry: the group as it is after the change, and its system message.</summary>
    public static TableEntity Change(string user, ConversationChanged changed)
    {
        Conversation group = changed.Conversation;
        TableEntity entity = LastMessage(user, changed.SystemMessage, group.Participants, isGroup: true);
        WriteConversation(entity, group);
        entity["Removed"] = false;
        if (group.MemberOf(user) is { } member && member.FromSeq > 1)
        {
            // What was said before they joined is not theirs to read, so it is not unread either.
            entity[ReadSeq] = Math.Max(entity.GetInt64(ReadSeq) ?? 0, member.FromSeq - 1);
        }
        return entity;
    }

    /// <summary>What an entry holds of the conversation itself, as the user's list shows it.</summary>
    private static void WriteConversation(TableEntity entity, Conversation conversation)
    {
        entity["Kind"] = ConversationEntity.KindName(conversation.Kind);
        entity["CreatedAt"] = conversation.CreatedAt;
        EntityJson.WriteLargeList(entity, "Participants", conversation.Participants);
        entity.SetIfNotNull("CreatedBy", conversation.CreatedBy);
        entity.SetIfNotNull("Title", conversation.Title);
        entity.SetIfNotNull("Category", conversation.Category);
    }

    /// <summary>What a removal (or deletion) sets in the user's entry: hidden from their list from <c>seq</c> on.</summary>
    public static TableEntity Removal(string user, string conversationId, long seq) =>
        new(TableLayout.UserPartition(user), TableLayout.InboxRowKey(conversationId))
        {
            ["Removed"] = true,
            [LastSeq] = seq,
        };

    /// <summary>What a new message sets; the sender has read their own message.</summary>
    public static TableEntity LastMessage(string user, MessageSent sent) => LastMessage(user, sent.Message, sent.Participants, sent.IsGroup);

    /// <summary>
    /// A direct conversation's entry also takes its two participants, so an entry a message creates before its
    /// conversation's event is complete; a group's learns them from membership events, not from every message.
    /// </summary>
    private static TableEntity LastMessage(string user, Message message, IReadOnlyList<string> participants, bool isGroup)
    {
        var entity = new TableEntity(TableLayout.UserPartition(user), TableLayout.InboxRowKey(message.ConversationId))
        {
            ["LastSeq"] = message.Seq,
            ["LastMessageAt"] = message.SentAt,
            ["LastSender"] = message.Sender,
            ["LastPreview"] = TextLength.Truncate(message.Content, PreviewLength), // never half an emoji
        };
        if (isGroup)
        {
            entity["Kind"] = ConversationEntity.KindName(ConversationKind.Group); // so an entry made before the group's event is not taken for a direct one
        }
        else
        {
            entity["Participants"] = EntityJson.WriteList(participants);
        }
        if (string.Equals(user, message.Sender, StringComparison.Ordinal))
        {
            entity["ReadSeq"] = message.Seq;
        }
        return entity;
    }

    /// <summary>What a read sets.</summary>
    public static TableEntity ReadUpTo(MessageRead read) =>
        read.IsGroup
            ? new(TableLayout.UserPartition(read.User), TableLayout.InboxRowKey(read.ConversationId)) { ["ReadSeq"] = read.ReadSeq }
            : new(TableLayout.UserPartition(read.User), TableLayout.InboxRowKey(read.ConversationId))
            {
                ["Participants"] = EntityJson.WriteList(read.Participants),
                ["ReadSeq"] = read.ReadSeq,
            };

    /// <summary>Whether the user was removed from the conversation (the entry stays, hidden, so no late event revives it).</summary>
    public static bool IsRemoved(TableEntity entity) => entity.GetBoolean("Removed") == true;

    /// <summary>
    /// Whether fan-out has written the row: each of its writes sets Kind, LastSeq or ReadSeq. A row without them holds
    /// only settings given before the entry arrived, and is not listed until it does.
    /// </summary>
    public static bool HasConversation(TableEntity entity) =>
        // Not ContainsKey: a query's select list returns the properties a row lacks as nulls.
        entity.GetString("Kind") is not null || entity.GetInt64(LastSeq) is not null || entity.GetInt64(ReadSeq) is not null;

    public static InboxEntry From(TableEntity entity) => new(
        entity.RowKey[TableLayout.InboxPrefix.Length..],
        ConversationEntity.ParseKind(entity.GetString("Kind")),
        EntityJson.ReadLargeList(entity, "Participants"),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue, // none yet on a row a message made before its conversation's event
        entity.GetInt64("LastSeq") ?? 0,
        entity.GetInt64("ReadSeq") ?? 0,
        entity.GetDateTimeOffset("LastMessageAt"),
        entity.GetString("LastSender"),
        entity.GetString("LastPreview"))
    {
        Title = entity.GetString("Title"),
        Category = entity.GetString("Category"),
        CreatedBy = entity.GetString("CreatedBy"),
        Settings = SettingsEntity.From(entity),
    };
}
