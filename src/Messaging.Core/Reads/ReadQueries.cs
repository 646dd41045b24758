using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Messages;

namespace Messaging.Core.Reads;

/// <summary>_getReadReceipts and _getMessageReceipts. (_getUnreadCounts reads the inbox: <see cref="ConversationQueries.ForUserAsync"/>.)</summary>
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

    /// <summary>Who has read one message and when, earliest first; for those who can see the message, and admins.</summary>
    public async Task<Result<IReadOnlyList<MessageReader>>> MessageReceiptsAsync(Caller caller, string messageId, CancellationToken cancellationToken)
    {
        MessageReaders? found = MessageId.TryParse(messageId, out string conversationId, out long seq)
            ? await cursors.ListReadersAsync(conversationId, seq, cancellationToken)
            : null;
        if (found?.Message is null)
        {
            return Error.NotFound("Message");
        }
        if (!caller.MayRead(found.Conversation))
        {
            return AccessErrors.NotParticipant;
        }
        if (seq < MessageQueries.FirstVisible(caller, found.Conversation))
        {
            return Error.NotFound("Message");
        }
        return Result<IReadOnlyList<MessageReader>>.Ok([.. found.Readers
            .OrderBy(reader => reader.ReadAt)
            .ThenBy(reader => reader.User, StringComparer.Ordinal)]);
    }
}
