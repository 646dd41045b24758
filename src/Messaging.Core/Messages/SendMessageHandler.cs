using Messaging.Core.Abstractions;
using Messaging.Core.Concurrency;
using Messaging.Core.Conversations;
using Messaging.Core.Events;

namespace Messaging.Core.Messages;

/// <summary>
/// The sendMessage action: read the header (one round trip), then commit header, message and outbox
/// row in one batch guarded by the header's ETag (the second). Losing a race means re-reading and retrying,
/// which yields a gapless per-conversation sequence.
/// </summary>
public sealed class SendMessageHandler(
    IConversationStore conversations, IMessageStore messages, IEventPublisher events, StripedLock locks, TimeProvider clock)
{
    /// <summary>How often a send is retried after losing the race for the header before giving up with a conflict.</summary>
    public const int MaxAttempts = 50;

    public async Task<Result<Message>> HandleAsync(SendMessage command, CancellationToken cancellationToken)
    {
        if ((InputRules.CheckUserId(command.Sender, "sender") ?? InputRules.CheckContent(command.Content, "content")) is { } invalid)
        {
            return invalid;
        }
        if (!ConversationId.IsWellFormed(command.ConversationId))
        {
            return Error.NotFound("Conversation");
        }

        using IDisposable turn = await locks.AcquireAsync(command.ConversationId, cancellationToken);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            Conversation? conversation = await conversations.FindAsync(command.ConversationId, cancellationToken);
            if (conversation is null)
            {
                return Error.NotFound("Conversation");
            }
            if (!conversation.HasMember(command.Sender))
            {
                return Error.Forbidden("sender is not a participant of this conversation.");
            }

            DateTimeOffset now = clock.GetUtcNow();
            (Conversation next, Message message) = conversation.Post(command.Sender, command.Content, now);
            var sent = new MessageSent(MessagingEvent.NewId(now), message, conversation.Participants);
            Result<Message> stored = await messages.AppendAsync(next, conversation.Version!, sent, cancellationToken);
            if (stored.IsSuccess)
            {
                await events.PublishAsync(sent, cancellationToken);
                return stored;
            }
            if (stored.Error.Kind != ErrorKind.Conflict)
            {
                return stored;
            }
            // Another instance won the header; back off a little, with jitter, so racers spread out.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * Math.Min(attempt, 10))), cancellationToken);
        }
        return Error.Conflict("The conversation is busy; try again.");
    }
}
