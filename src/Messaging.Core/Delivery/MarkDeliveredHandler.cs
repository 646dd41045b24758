using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Identity;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Delivery;

/// <summary>
/// The markDelivered action: a client says the user's device has the messages up to a point. Like markRead, the cursor
/// only moves forward and races are settled by the member row's ETag. A read counts as a delivery, so marking what is
/// already read changes nothing.
/// </summary>
public sealed class MarkDeliveredHandler(IReadCursorStore cursors, IDeliveryCursorStore deliveries, IEventPublisher events, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    public async Task<Result<MarkDeliveredResult>> HandleAsync(Caller caller, MarkDelivered command, CancellationToken cancellationToken)
    {
        Result<string> user = caller.ActAs(command.User, "user");
        if (!user.IsSuccess)
        {
            return user.Error;
        }
        if (!ConversationId.IsWellFormed(command.ConversationId))
        {
            return Error.NotFound("Conversation");
        }
        long? target = null;
        if (command.MessageId is not null)
        {
            if (!MessageId.TryParse(command.MessageId, out string messageConversation, out long seq) || messageConversation != command.ConversationId)
            {
                return Error.NotFound("Message");
            }
            target = seq;
        }

        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            CursorContext? context = await cursors.LoadAsync(command.ConversationId, user.Value, cancellationToken);
            if (context is null)
            {
                return Error.NotFound("Conversation");
            }
            Conversation conversation = context.Conversation;
            if (!conversation.HasMember(user.Value))
            {
                return Error.Forbidden("user is not a participant of this conversation.");
            }
            if (target > conversation.LastSeq)
            {
                return Error.NotFound("Message");
            }

            long current = context.Cursor.DeliveredUpTo;
            long deliveredSeq = target ?? conversation.LastSeq;
            if (deliveredSeq <= current)
            {
                return Result<MarkDeliveredResult>.Ok(new(conversation.Id, current));
            }

            DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
            var delivered = new MessageDelivered(MessagingEvent.NewId(now), conversation.Id, now, user.Value, deliveredSeq, now, conversation.Participants)
            {
                IsGroup = conversation.IsGroup,
            };
            Result<MessageDelivered> moved = await deliveries.MoveAsync(delivered, context.Version, cancellationToken);
            if (moved.IsSuccess)
            {
                await events.PublishAsync(delivered, cancellationToken);
                return Result<MarkDeliveredResult>.Ok(new(conversation.Id, deliveredSeq));
            }
            if (moved.Error.Kind != ErrorKind.Conflict)
            {
                return moved.Error;
            }
        }
        return Error.Conflict("The delivered cursor is busy; try again.");
    }
}
