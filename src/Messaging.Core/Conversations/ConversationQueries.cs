using Messaging.Core.Identity;
using Messaging.Core.Inbox;

namespace Messaging.Core.Conversations;

/// <summary>The conversation queries: _getConversation, _getConversationsForUser, _getAllConversations (and the inbox behind _getUnreadCounts).</summary>
public sealed class ConversationQueries(IConversationStore conversations, IInboxStore inbox)
{
    public async Task<Result<Conversation>> GetAsync(Caller caller, string conversationId, CancellationToken cancellationToken)
    {
        Conversation? conversation = ConversationId.IsWellFormed(conversationId)
            ? await conversations.FindAsync(conversationId, cancellationToken)
            : null;
        if (conversation is null)
        {
            return Error.NotFound("Conversation");
        }
        return caller.MayRead(conversation) ? Result<Conversation>.Ok(conversation) : AccessErrors.NotParticipant;
    }

    /// <summary>The user's inbox entries: their conversations, with last message and unread count.</summary>
    public async Task<Result<IReadOnlyList<InboxEntry>>> ForUserAsync(Caller caller, string? user, CancellationToken cancellationToken)
    {
        Result<string> who = caller.ActAs(user, "user");
        if (!who.IsSuccess)
        {
            return who.Error;
        }
        return Result<IReadOnlyList<InboxEntry>>.Ok(await inbox.ListAsync(who.Value, cancellationToken));
    }

    /// <summary>The direct conversation of <paramref name="user"/> (the caller, when authenticated) and <paramref name="other"/>, if any.</summary>
    public async Task<Result<IReadOnlyList<Conversation>>> DirectAsync(Caller caller, string? user, string? other, CancellationToken cancellationToken)
    {
        Result<string> who = caller.ActAs(user, "user");
        if (!who.IsSuccess)
        {
            return who.Error;
        }
        if ((other is null ? Error.Invalid("other is required.") : InputRules.CheckUserId(other, "other")) is { } invalid)
        {
            return invalid;
        }
        string? id = await conversations.FindDirectIdAsync(who.Value, other!, cancellationToken);
        Conversation? conversation = id is null ? null : await conversations.FindAsync(id, cancellationToken);
        return Result<IReadOnlyList<Conversation>>.Ok(conversation is null ? [] : [conversation]);
    }

    /// <summary>
    /// The user's conversations as <c>_getConversationsForUser</c> lists them: filtered, ordered and paged by
    /// <paramref name="query"/>, in memory after the one partition query (an inbox holds at most a few thousand entries).
    /// </summary>
    public async Task<Result<IReadOnlyList<InboxEntry>>> ListForUserAsync(
        Caller caller, string? user, ConversationListQuery query, CancellationToken cancellationToken)
    {
        Result<string> who = caller.ActAs(user, "user");
        if (!who.IsSuccess)
        {
            return who.Error;
        }
        if (query.Check() is { } invalid)
        {
            return invalid;
        }
        IReadOnlyList<InboxEntry>? page = query.Apply(await inbox.ListAsync(who.Value, cancellationToken));
        return page is null
            ? Error.Invalid("after must be the _id of one of the user's conversations (the last one of the previous page).")
            : Result<IReadOnlyList<InboxEntry>>.Ok(page);
    }

    public async Task<Result<IReadOnlyList<Conversation>>> AllAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.MayReadEverything
            ? Result<IReadOnlyList<Conversation>>.Ok(await conversations.ListAllAsync(cancellationToken))
            : AccessErrors.NotAdmin;
}
