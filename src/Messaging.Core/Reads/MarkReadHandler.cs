using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Identity;
using Messaging.Core.Messages;

namespace Messaging.Core.Reads;

/// <summary>
/// The markRead action. The cursor only moves forward: marking an older message than the cursor changes
/// nothing. Races are settled by the member row's ETag, like sends by the header's.
/// </summary>
public sealed class MarkReadHandler(IReadCursorStore cursors, IEventPublisher events, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    public async Task<Result<MarkReadResult>> HandleAsync(Caller caller, MarkRead command, CancellationToken cancellationToken)
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

            long readSeq = Math.Max(context.Cursor.ReadSeq, target ?? conversation.LastSeq);
            if (readSeq == context.Cursor.ReadSeq)
            {
                return Result<MarkReadResult>.Ok(new(conversation.Id, readSeq, conversation.LastSeq - readSeq));
            }

            DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
            // A member added later could not read what came before their join: those are not "since their last read".
            long readFrom = Math.Max(context.Cursor.ReadSeq, (conversation.MemberOf(user.Value)?.FromSeq ?? 1) - 1);
            var read = new MessageRead(MessagingEvent.NewId(now), conversation.Id, now, user.Value, readSeq, now, conversation.Participants)
            {
                IsGroup = conversation.IsGroup,
                MessagesSinceLastRead = Math.Max(0, readSeq - readFrom),
            };
            Result<MessageRead> moved = await cursors.MoveAsync(read, context.Version, cancellationToken);
            if (moved.IsSuccess)
            {
                await events.PublishAsync(read, cancellationToken);
                return Result<MarkReadResult>.Ok(new(conversation.Id, readSeq, conversation.LastSeq - readSeq));
            }
            if (moved.Error.Kind != ErrorKind.Conflict)
            {
                return moved.Error;
            }
        }
        return Error.Conflict("The read cursor is busy; try again.");
    }
}
