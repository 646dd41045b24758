using Messaging.Core.Conversations;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Sync;

/// <summary>What catch-up reads: the user's own entries, then one query per conversation that changed.</summary>
public interface ISyncStore
{
    /// <summary>All the user's inbox entries in one query, those hidden from their list (left, removed, deleted) too.</summary>
    Task<IReadOnlyList<SyncEntry>> ListEntriesAsync(string user, CancellationToken cancellationToken);

    /// <summary>
    /// In one partition query: the header, the revision counter (read before any message), the members' cursors, the
    /// messages from <see cref="ChangeWindow.NewFrom"/> on, and those up to <see cref="ChangeWindow.ChangedUpTo"/> changed
    /// after revision <see cref="ChangeWindow.ChangedSince"/>. Null when the conversation is gone.
    /// </summary>
    Task<ConversationChanges?> ReadChangesAsync(string conversationId, ChangeWindow window, CancellationToken cancellationToken);
}

/// <summary>An inbox entry, the revision it has seen, and whether it is hidden from the user's list.</summary>
public sealed record SyncEntry(InboxEntry Entry, long Revision, bool Removed);

/// <summary>Which messages a conversation's catch-up reads; <see cref="ChangedUpTo"/> 0 reads no changed ones.</summary>
public readonly record struct ChangeWindow(long NewFrom, long ChangedUpTo, long ChangedSince);

/// <summary>A conversation as catch-up reads it: messages in sequence order.</summary>
public sealed record ConversationChanges(Conversation Conversation, Revision Revision, IReadOnlyList<Message> Messages, IReadOnlyList<ReadReceipt> Cursors);
