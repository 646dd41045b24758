using Messaging.Core.Blocking;
using Messaging.Core.Concurrency;
using Messaging.Core.Events;
using Messaging.Core.Identity;
using Messaging.Core.Messages;

namespace Messaging.Core.Editing;

/// <summary>
/// The editMessage action: only the sender edits, and only a standing user message. The message row, the earlier
/// version and the event are one batch guarded by the row's version, so a racing reaction, reply or delete makes the
/// edit re-read and decide again rather than overwrite.
/// </summary>
public sealed class EditMessageHandler(IMessageEditStore store, IEventPublisher events, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    public async Task<Result<Message>> HandleAsync(Caller caller, EditMessage command, CancellationToken cancellationToken)
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
            if (CheckMayEdit(change, user.Value) is { } refused)
            {
                return refused;
            }
            Message message = change.Message;
            string content = command.Content ?? string.Empty;
            // Like a send: the text may be empty only when attachments or a payload carry the message.
            bool hasBody = message.Attachments.Count > 0 || message.Payload is not null;
            if (!(hasBody && content.Length == 0) && InputRules.CheckContent(content, "content") is { } invalid)
            {
                return invalid;
            }
            if (string.Equals(content, message.Content, StringComparison.Ordinal))
            {
                return Result<Message>.Ok(message); // nothing to change, nothing to tell anyone
            }

            DateTimeOffset now = Timestamps.ToMilliseconds(clock.GetUtcNow());
            Message edited = message with { Content = content, EditedAt = now };
            var updated = new MessageUpdated(MessagingEvent.NewId(now), edited, change.Conversation.WhoSees(seq)) { IsLatest = change.IsLatest, Revision = change.Revision.Next };
            Result<Message> stored = await store.EditAsync(change, updated, ct);
            if (stored.IsSuccess)
            {
                await events.PublishAsync(updated, ct);
            }
            return stored is { IsSuccess: false, Error.Kind: ErrorKind.Conflict } ? null : stored;
        }, cancellationToken);
    }

    private static Error? CheckMayEdit(MessageChange change, string user)
    {
        if (change.CheckVisibleTo(user) is { } hidden)
        {
            return hidden;
        }
        Message message = change.Message;
        if (message.IsSystem)
        {
            return Error.Forbidden("System messages cannot be edited.");
        }
        if (message.IsDeleted)
        {
            return Error.Conflict("The message was deleted.");
        }
        if (!string.Equals(message.Sender, user, StringComparison.Ordinal))
        {
            return Error.Forbidden("Only the sender may edit a message.");
        }
        return change.Conversation.IsBlocked ? BlockErrors.For(user, change.Conversation.BlockedBy) : null;
    }
}
