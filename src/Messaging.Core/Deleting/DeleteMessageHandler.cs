using Messaging.Core.Concurrency;
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
        return await RaceRetry.UntilDecidedAsync(MaxAttempts, "The message is busy; try again.", async ct =>
        {
            MessageChange? change = await store.LoadAsync(conversationId, seq, ct);
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
            var deleted = new MessageDeleted(MessagingEvent.NewId(now), tombstone, change.Conversation.WhoSees(seq)) { IsLatest = change.IsLatest, Revision = change.Revision.Next };
            Result<Message> stored = await store.DeleteAsync(change, deleted, ct);
            if (stored.IsSuccess)
            {
                await events.PublishAsync(deleted, ct);
            }
            return stored is { IsSuccess: false, Error.Kind: ErrorKind.Conflict } ? null : stored;
        }, cancellationToken);
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
