using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Identity;

namespace Messaging.Core.Reads;

/// <summary>
/// The markRead action. The cursor only moves forward: marking an older message than the cursor changes
/// nothing. Races are settled by the member row's ETag, like sends by the header's.
/// </summary>
public sealed class MarkReadHandler(IReadCursorStore cursors, IEventPublisher events, TimeProvider clock)
{
    public Task<Result<MarkReadResult>> HandleAsync(Caller caller, MarkRead command, CancellationToken cancellationToken) =>
        CursorMove.RunAsync<MarkReadResult>(
            cursors, caller, command.User, command.ConversationId, command.MessageId, "The read cursor is busy; try again.",
            async (context, user, upTo) =>
            {
                Conversation conversation = context.Conversation;
                long readSeq = Math.Max(context.Cursor.ReadSeq, upTo);
                if (readSeq == context.Cursor.ReadSeq)
                {
                    return Result<MarkReadResult>.Ok(new(conversation.Id, readSeq, conversation.LastSeq - readSeq));
                }

                DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
                // A member added later could not read what came before their join: those are not "since their last read".
                long readFrom = Math.Max(context.Cursor.ReadSeq, (conversation.MemberOf(user)?.FromSeq ?? 1) - 1);
                var read = new MessageRead(MessagingEvent.NewId(now), conversation.Id, now, user, readSeq, now, conversation.Participants)
                {
                    IsGroup = conversation.IsGroup,
                    MessagesSinceLastRead = Math.Max(0, readSeq - readFrom),
                };
                Result<MessageRead> moved = await cursors.MoveAsync(read, context.Version, cancellationToken);
                if (!moved.IsSuccess)
                {
                    if (moved.Error.Kind == ErrorKind.Conflict)
                    {
                        return null; // the cursor moved meanwhile
                    }
                    return moved.Error;
                }
                await events.PublishAsync(read, cancellationToken);
                return Result<MarkReadResult>.Ok(new(conversation.Id, readSeq, conversation.LastSeq - readSeq));
            },
            cancellationToken);
}
