using Messaging.Core.Conversations;
using Messaging.Core.Deleting;
using Messaging.Core.Editing;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Core.Reactions;
using Messaging.Core.Realtime;

namespace Messaging.Core.Search;

/// <summary>A message sent is indexed. Registered beside the Messages fan-out; it tells nobody anything.</summary>
public sealed class MessageSentSearchFanOut(ISearchIndex index) : EventFanOut<MessageSent>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(MessageSent published, CancellationToken cancellationToken)
    {
        await index.AddAsync(published.Message, cancellationToken);
        return [];
    }
}

/// <summary>
/// An edit: the message is found by its new text only. Runs after the Editing fan-out, which has brought the replies'
/// previews of it up to date, so their index entries are refreshed too.
/// </summary>
public sealed class MessageUpdatedSearchFanOut(ISearchIndex index) : EventFanOut<MessageUpdated>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(MessageUpdated published, CancellationToken cancellationToken)
    {
        await index.RefreshAsync(published.ConversationId, published.Message.Seq, andReplies: true, cancellationToken);
        return [];
    }
}

/// <summary>A deletion: the message leaves the index (its replies now show it deleted).</summary>
public sealed class MessageDeletedSearchFanOut(ISearchIndex index) : EventFanOut<MessageDeleted>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(MessageDeleted published, CancellationToken cancellationToken)
    {
        await index.RefreshAsync(published.ConversationId, published.Message.Seq, andReplies: true, cancellationToken);
        return [];
    }
}

/// <summary>A reaction: results show a message as history does, reactions included.</summary>
public sealed class ReactionChangedSearchFanOut(ISearchIndex index) : EventFanOut<ReactionChanged>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(ReactionChanged published, CancellationToken cancellationToken)
    {
        await index.RefreshAsync(published.ConversationId, published.MessageSeq, andReplies: false, cancellationToken);
        return [];
    }
}

/// <summary>A deleted conversation: whatever is indexed for it goes (also what a late fan-out wrote after its purge).</summary>
public sealed class ConversationDeletedSearchFanOut(ISearchIndex index) : EventFanOut<ConversationDeleted>
{
    protected override async Task<IReadOnlyList<Notification>> FanOutAsync(ConversationDeleted published, CancellationToken cancellationToken)
    {
        await index.RemoveConversationAsync(published.ConversationId, cancellationToken);
        return [];
    }
}
