using Messaging.Core.Abstractions;
using Messaging.Core.Conversations;
using Messaging.Core.Inbox;

namespace Messaging.Core.Queries;

/// <summary>The conversation queries: _getConversation, _getConversationsForUser, _getAllConversations.</summary>
public sealed class ConversationQueries(IConversationStore conversations, IInboxStore inbox)
{
    public async Task<Result<Conversation>> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        Conversation? conversation = ConversationId.IsWellFormed(conversationId)
            ? await conversations.FindAsync(conversationId, cancellationToken)
            : null;
        return conversation is null ? Error.NotFound("Conversation") : Result<Conversation>.Ok(conversation);
    }

    public async Task<Result<IReadOnlyList<InboxEntry>>> ForUserAsync(string user, CancellationToken cancellationToken)
    {
        if (InputRules.CheckUserId(user, "user") is { } invalid)
        {
            return invalid;
        }
        return Result<IReadOnlyList<InboxEntry>>.Ok(await inbox.ListAsync(user, cancellationToken));
    }

    public Task<IReadOnlyList<Conversation>> AllAsync(CancellationToken cancellationToken) =>
        conversations.ListAllAsync(cancellationToken);
}
