using Messaging.Core.Conversations;
using Messaging.Core.Messages;

namespace Messaging.Core.Reactions;

/// <summary>
/// Reactions: one row per (message, emoji, user), and their summary on the message itself, always changed together
/// in one transaction guarded by the message's version.
/// </summary>
public interface IReactionStore
{
    /// <summary>
    /// The conversation, the message and whether <paramref name="user"/> has reacted with <paramref name="emoji"/>, in one
    /// read; null when there is no conversation.
    /// </summary>
    Task<ReactionContext?> LoadAsync(string conversationId, long seq, string emoji, string user, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="count"/> users who reacted with <paramref name="emoji"/>, in the order they did, but <paramref name="except"/>.</summary>
    Task<IReadOnlyList<string>> FirstReactorsAsync(
        string conversationId, long seq, string emoji, string except, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or deletes the reaction's row as <paramref name="change"/> says, sets the message's summary to
    /// <paramref name="reactions"/> and writes the event to the outbox, in one transaction guarded by the versions in
    /// <paramref name="read"/>. <see cref="ErrorKind.Conflict"/> when the message or the reaction changed meanwhile: re-read and retry.
    /// </summary>
    Task<Result<ReactionChanged>> SaveAsync(
        ReactionChanged change, IReadOnlyList<ReactionSummary> reactions, ReactionContext read, CancellationToken cancellationToken);
}

/// <summary>
/// A message as a reaction finds it. <paramref name="Message"/> is null when there is no such message;
/// <paramref name="ReactionVersion"/> is the version of the user's reaction row, null when they have not reacted with
/// the emoji; <paramref name="LastReactedAt"/> is when the latest reaction to the message was made.
/// </summary>
public sealed record ReactionContext(
    Conversation Conversation, Message? Message, string? MessageVersion, string? ReactionVersion, DateTimeOffset? LastReactedAt)
{
    public bool Reacted => ReactionVersion is not null;

    /// <summary>The conversation's revision as read with the message: the change takes <see cref="Sync.Revision.Next"/>.</summary>
    public Sync.Revision Revision { get; init; } = Sync.Revision.None;
}
