using Messaging.Core.Abstractions;
using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Inbox;
using Messaging.Core.Reads;

namespace Messaging.Core.Queries;

/// <summary>The read-state queries: _getUnreadCounts and _getReadReceipts.</summary>
public sealed class ReadQueries(IInboxStore inbox, IReadCursorStore cursors)
{
    /// <summary>Unread counts of all the user's conversations, from their inbox entries (one partition query).</summary>
    public async Task<Result<IReadOnlyList<InboxEntry>>> UnreadCountsAsync(Caller caller, string? user, CancellationToken cancellationToken)
    {
        Result<string> who = caller.ActAs(user, "user");
        if (!who.IsSuccess)
        {
            return who.Error;
        }
        if (InputRules.CheckUserId(who.Value, "user") is { } invalid)
        {
            return invalid;
        }
        return Result<IReadOnlyList<InboxEntry>>.Ok(await inbox.ListAsync(who.Value, cancellationToken));
    }

    /// <summary>Every participant's read cursor.</summary>
    public async Task<Result<IReadOnlyList<ReadReceipt>>> ReceiptsAsync(Caller caller, string conversationId, CancellationToken cancellationToken)
    {
        ConversationReceipts? found = ConversationId.IsWellFormed(conversationId)
            ? await cursors.ListAsync(conversationId, cancellationToken)
            : null;
        if (found is null)
        {
            return Error.NotFound("Conversation");
        }
        return caller.MayRead(found.Conversation) ? Result<IReadOnlyList<ReadReceipt>>.Ok(found.Receipts) : QueryErrors.NotParticipant;
    }
}
