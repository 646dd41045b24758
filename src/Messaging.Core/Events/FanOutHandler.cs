using Messaging.Core.Abstractions;

namespace Messaging.Core.Events;

/// <summary>
/// Applies a published event to the participants' inboxes. Idempotent: replaying an event changes nothing.
/// </summary>
public sealed class FanOutHandler(IInboxStore inbox)
{
    public Task HandleAsync(MessagingEvent published, CancellationToken cancellationToken) => published switch
    {
        ConversationCreated created => inbox.AddConversationAsync(created, cancellationToken),
        MessageSent sent => Task.WhenAll(sent.Participants.Select(user => inbox.ApplyMessageAsync(user, sent, cancellationToken))),
        _ => throw new ArgumentException($"No fan-out for {published.GetType().Name}.", nameof(published)),
    };
}
