using Messaging.Core.Conversations;
using Messaging.Core.Settings;

namespace Messaging.Core.Inbox;

/// <summary>
/// One user's view of one conversation, kept in that user's partition so that listing a user's
/// conversations (and later, unread counts) is one partition query.
/// </summary>
public sealed record InboxEntry(
    string ConversationId,
    ConversationKind Kind,
    IReadOnlyList<string> Participants,
    DateTimeOffset CreatedAt,
    long LastSeq,
    long ReadSeq,
    DateTimeOffset? LastMessageAt,
    string? LastSender,
    string? LastPreview)
{
    public string? Title { get; init; }

    public string? Category { get; init; }

    public string? CreatedBy { get; init; }

    /// <summary>The user's own settings for the conversation, stored in the same row.</summary>
    public ConversationSettings Settings { get; init; } = ConversationSettings.Default;

    /// <summary>When the conversation was last active: its last message, else its creation.</summary>
    public DateTimeOffset LastActivityAt => LastMessageAt ?? CreatedAt;

    /// <summary>Messages after the read cursor (a sender's own count as read).</summary>
    public long UnreadCount => Math.Max(0, LastSeq - ReadSeq);
}
