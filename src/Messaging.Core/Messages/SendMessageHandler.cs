using Messaging.Core.Blocking;
using Messaging.Core.Concurrency;
using Messaging.Core.Conversations;
using Messaging.Core.Diagnostics;
using Messaging.Core.Events;
using Messaging.Core.Identity;

namespace Messaging.Core.Messages;

/// <summary>
/// The sendMessage action: commit header, message and outbox row in one batch guarded by the header's ETag.
/// The header comes from this process's memory when it has it (one round trip in all), else from storage (two).
/// A stale memory or a lost race fails the batch; then the header is read afresh and the send retried, which
/// yields a gapless per-conversation sequence however many servers share the table.
/// </summary>
public sealed class SendMessageHandler(
    IMessageStore messages, IEventPublisher events, StripedLock locks, TimeProvider clock, MessagingMetrics metrics)
{
    /// <summary>How often a send is retried after losing the race for the header before giving up with a conflict.</summary>
    public const int MaxAttempts = 50;

    public async Task<Result<Message>> HandleAsync(Caller caller, SendMessage command, CancellationToken cancellationToken)
    {
        Result<string> sender = caller.ActAs(command.Sender, "sender");
        if (!sender.IsSuccess)
        {
            return sender.Error;
        }
        if ((MessageRules.Check(command)
            ?? (command.ClientMessageId is null ? null : InputRules.CheckClientMessageId(command.ClientMessageId, "clientMessageId"))) is { } invalid)
        {
            return invalid;
        }
        if (!ConversationId.IsWellFormed(command.ConversationId))
        {
            return Error.NotFound("Conversation");
        }
        long? replyTo = null;
        if (command.ReplyTo is not null)
        {
            if (!MessageId.TryParse(command.ReplyTo, out string repliedConversation, out long repliedSeq) || repliedConversation != command.ConversationId)
            {
                return NoReplyTarget;
            }
            replyTo = repliedSeq;
        }

        using IDisposable turn = await locks.AcquireAsync(command.ConversationId, cancellationToken);
        bool fresh = false;
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            SendContext? context = await messages.LoadForSendAsync(command.ConversationId, sender.Value, command.ClientMessageId, fresh, cancellationToken, replyTo);
            if (context is null)
            {
                return Error.NotFound("Conversation");
            }
            Conversation conversation = context.Conversation;
            if (!conversation.HasMember(sender.Value))
            {
                if (context.Remembered)
                {
                    fresh = true; // membership may have changed since: refuse only on what storage says
                    continue;
                }
                return Error.Forbidden("sender is not a participant of this conversation.");
            }
            if (conversation.IsBlocked)
            {
                if (context.Remembered)
                {
                    fresh = true; // perhaps unblocked since: refuse only on what storage says
                    continue;
                }
                return BlockErrors.For(sender.Value, conversation.BlockedBy);
            }
            if (context.DuplicateOf is long seq && (await messages.FindAsync(conversation.Id, seq, cancellationToken))?.Message is { } original)
            {
                // A retry returns the original; the same key for other content is a client bug, refused as payment APIs do
                // rather than silently answered with a message the client did not send. (Keys are per sender.)
                // The retry answers what the first call answered (had its answer not been lost), the sender's view included.
                return MessageRules.SameMessage(original, command)
                    ? Result<Message>.Ok(original with { Delivery = MessageDelivery.JustSent(conversation.IsGroup) })
                    : Error.Conflict($"clientMessageId '{command.ClientMessageId}' was already used for message {original.Id} with different content.");
            }
            ReplyTarget? answered = context.Reply;
            if (replyTo is not null && (answered is null || answered.Message.Seq < conversation.MemberOf(sender.Value)!.FromSeq))
            {
                return NoReplyTarget; // including messages from before the sender joined, which they cannot see
            }

            DateTimeOffset now = clock.GetUtcNow();
            (Conversation next, Message message) = conversation.Post(sender.Value, command.Content ?? string.Empty, now);
            message = message with
            {
                Type = command.Type ?? MessageTypes.Text,
                Payload = command.Payload,
                Attachments = command.Attachments,
                ReplyTo = answered?.Message is { } answeredMessage ? MessageRules.Answering(answeredMessage) : null,
            };
            var sent = new MessageSent(MessagingEvent.NewId(now), message, conversation.Participants) { IsGroup = conversation.IsGroup };
            Result<Message> stored = await messages.AppendAsync(
                next, conversation.Version!, sent, command.ClientMessageId, cancellationToken, answered is { Message.IsDeleted: false } ? answered : null);
            if (stored.IsSuccess)
            {
                metrics.MessageSent();
                // Still under the conversation's lock, so one server pushes a conversation's messages in order.
                await events.PublishAsync(sent, cancellationToken);
                return Result<Message>.Ok(stored.Value with { Delivery = MessageDelivery.JustSent(conversation.IsGroup) }); // the sender's view
            }
            if (stored.Error.Kind != ErrorKind.Conflict)
            {
                return stored;
            }
            fresh = true;
            if (context.Remembered)
            {
                continue; // most likely another server moved the header since we remembered it: re-read at once
            }
            // Another writer won the header (or the same client message id); back off a little, with jitter.
            await Task.Delay(RaceRetry.Backoff(attempt), cancellationToken);
        }
        return Error.Conflict("The conversation is busy; try again.");
    }

    private static Error NoReplyTarget => Error.Invalid("replyTo must be the id of a message in this conversation that the sender can see.");
}
