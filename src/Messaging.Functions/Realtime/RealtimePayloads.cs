using Messaging.Core.Messages;
using Messaging.Core.Reads;
using Messaging.Core.Realtime;
using Messaging.Functions.Features.Conversations;
using Messaging.Functions.Features.Messages;
using Messaging.Functions.Features.Reads;
using Messaging.Functions.Features.Typing;
using Messaging.Core.Conversations;
using Messaging.Core.Typing;

namespace Messaging.Functions.Realtime;

/// <summary>
/// The one mapping from a notification's domain payload to its JSON argument, used by the local hub
/// and the Azure SignalR output alike so the two cannot drift apart. Each argument is the same shape
/// the HTTP API returns.
/// </summary>
public static class RealtimePayloads
{
    public static object ToWire(Notification notification) => notification.Payload switch
    {
        Message message => MessageDto.From(message),
        ReadReceipt receipt => MessageReadDto.From(receipt),
        ConversationCreated created => ConversationDto.From(created),
        TypingChanged typing => TypingDto.From(typing),
        _ => throw new ArgumentException($"No wire shape for {notification.Payload.GetType().Name}.", nameof(notification)),
    };
}
