using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Search;

/// <summary>
/// The message search index, kept by the Search fan-outs. Table Storage implements it in each conversation's own
/// partition; a hosted engine (an Azure AI Search index) can implement it instead, fed by the same fan-outs.
/// </summary>
/// <remarks>
/// Writes are made from what is stored, not from the event that asks for them, so they are idempotent and any order of
/// delivery ends in the same index: a late edit event cannot bring old text back, and a deleted message leaves it.
/// </remarks>
public interface ISearchIndex
{
    /// <summary>
    /// Indexes a message just sent, from the event's copy of it: one write when the message is new to the index; when
    /// the index has it already (a replay, or a later change got there first), as <see cref="RefreshAsync"/>.
    /// </summary>
    Task AddAsync(Message sent, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the index of message <paramref name="seq"/> in line with the message as stored now: its current text, or
    /// nothing once it is deleted (or gone). With <paramref name="andReplies"/>, the replies to it too, whose previews
    /// of it changed.
    /// </summary>
    Task RefreshAsync(string conversationId, long seq, bool andReplies, CancellationToken cancellationToken);

    /// <summary>Drops everything indexed for a deleted conversation. Idempotent.</summary>
    Task RemoveConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// In each conversation of <paramref name="conversationIds"/> that exists, the messages whose indexed words start
    /// with every one of <paramref name="terms"/>' words, in no particular order, with the header (for who may see what)
    /// and the members' cursors (for the status). Deleted conversations are left out. When <see cref="SearchTerms.Before"/>
    /// names a message of one of them, that conversation's <see cref="ConversationMatches.Cursor"/> is that message.
    /// </summary>
    Task<IReadOnlyList<ConversationMatches>> MatchAsync(IReadOnlyList<string> conversationIds, SearchTerms terms, CancellationToken cancellationToken);
}

/// <summary>What one conversation holds for a search.</summary>
public sealed record ConversationMatches(Conversation Conversation, IReadOnlyList<Message> Messages)
{
    /// <inheritdoc cref="ConversationMessages.Cursors"/>
    public IReadOnlyList<ReadReceipt> Cursors { get; init; } = [];

    /// <summary>The message the search's <c>before</c> names, when it is in this conversation and exists.</summary>
    public Message? Cursor { get; init; }
}
