using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Core.Identity;

namespace Messaging.Core.Deleting;

/// <summary>
/// The deleteMessage action: the sender, or an admin of the group, deletes a message for everyone. Deleting a
/// deleted message again answers the same tombstone and changes nothing, so a retry is safe.
/// </summary>
public sealed class DeleteMessageHandler(IMessageDeleteStore store, IEventPublisher events, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    public async Task<Result<Message>> HandleAsync(Caller caller, DeleteMessage command, CancellationToken cancellationToken)
    {
        Result<string> user = caller.ActAs(command.User, "user");
        if (!user.IsSuccess)
        {
            return user.Error;
        }
        if (!MessageId.TryParse(command.MessageId, out string conversationId, out long seq))
        {
            return Error.NotFound("Message");
        }
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            MessageChange? change = await store.LoadAsync(conversationId, seq, cancellationToken);
            if (change is null)
            {
                return Error.NotFound("Message");
            }
            if (CheckMayDelete(change, user.Value) is { } refused)
            {
                return refused;
            }
            if (change.Message.IsDeleted)
            {
                return Result<Message>.Ok(change.Message);
            }

            DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
            Message tombstone = change.Message.ToTombstone(now, user.Value);
            var deleted = new MessageDeleted(MessagingEvent.NewId(now), tombstone, change.Conversation.Participants) { IsLatest = change.IsLatest };
            Result<Message> stored = await store.DeleteAsync(change, deleted, cancellationToken);
            if (stored.IsSuccess)
            {
                await events.PublishAsync(deleted, cancellationToken);
                return stored;
            }
            if (stored.Error.Kind != ErrorKind.Conflict)
            {
                return stored;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), cancellationToken);
        }
        return Error.Conflict("The message is busy; try again.");
    }

    private static Error? CheckMayDelete(MessageChange change, string user)
    {
        if (change.CheckVisibleTo(user) is { } hidden)
        {
            return hidden;
        }
        Message message = change.Message;
        if (message.IsSystem)
        {
            return Error.Forbidden("System messages record the group's history and cannot be deleted.");
        }
        bool mayDelete = string.Equals(message.Sender, user, StringComparison.Ordinal)
            || (change.Conversation.IsGroup && change.Conversation.IsAdmin(user));
        return mayDelete ? null : Error.Forbidden("Only the sender, or an admin of the group, may delete a message.");
    }
}
