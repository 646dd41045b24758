using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Identity;
using Messaging.Core.Reads;

namespace Messaging.Core.Delivery;

/// <summary>
/// The markDelivered action: a client says the user's device has the messages up to a point. Like markRead, the cursor
/// only moves forward and races are settled by the member row's ETag. A read counts as a delivery, so marking what is
/// already read changes nothing.
/// </summary>
public sealed class MarkDeliveredHandler(IReadCursorStore cursors, IDeliveryCursorStore deliveries, IEventPublisher events, TimeProvider clock)
{
    public Task<Result<MarkDeliveredResult>> HandleAsync(Caller caller, MarkDelivered command, CancellationToken cancellationToken) =>
        CursorMove.RunAsync<MarkDeliveredResult>(
            cursors, caller, command.User, command.ConversationId, command.MessageId, "The delivered cursor is busy; try again.",
            async (context, user, upTo) =>
            {
                Conversation conversation = context.Conversation;
                long current = context.Cursor.DeliveredUpTo;
                if (upTo <= current)
                {
                    return Result<MarkDeliveredResult>.Ok(new(conversation.Id, current));
                }

                DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
                var delivered = new MessageDelivered(MessagingEvent.NewId(now), conversation.Id, now, user, upTo, now, conversation.Participants)
                {
                    IsGroup = conversation.IsGroup,
                };
                Result<MessageDelivered> moved = await deliveries.MoveAsync(delivered, context.Version, cancellationToken);
                if (!moved.IsSuccess)
                {
                    if (moved.Error.Kind == ErrorKind.Conflict)
                    {
                        return null; // the cursor moved meanwhile
                    }
                    return moved.Error;
                }
                await events.PublishAsync(delivered, cancellationToken);
                return Result<MarkDeliveredResult>.Ok(new(conversation.Id, upTo));
            },
            cancellationToken);
}
