using Messaging.Core.Conversations;
using Messaging.Core.Identity;

namespace Messaging.Core.Reads;

/// <summary>_getReadReceipts. (_getUnreadCounts reads the inbox: <see cref="ConversationQueries.ForUserAsync"/>.)</summary>
public sealed class ReadQueries(IReadCursorStore cursors)
{
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
        return caller.MayRead(found.Conversation) ? Result<IReadOnlyList<ReadReceipt>>.Ok(found.Receipts) : AccessErrors.NotParticipant;
    }
}
