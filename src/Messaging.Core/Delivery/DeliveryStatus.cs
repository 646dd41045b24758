using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Delivery;

/// <summary>
/// Works out <see cref="Message.Delivery"/> from the members' cursors. The "others" of a message are the current
/// participants other than its sender who can see it (joined at or before it); it is <c>read</c> when all of them
/// have read it, else <c>delivered</c> when all of them have it, else <c>sent</c>. With no others (everyone else
/// left, or a group of one) it stays <c>sent</c>: nobody received it, and ticks must never claim someone did.
/// </summary>
public static class DeliveryStatus
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";

    /// <summary>
    /// <paramref name="messages"/> with the status worked out on those <paramref name="viewer"/> sent, since only a
    /// sender is told how far their messages got; on every message when there is no viewer (a local, unverified caller
    /// naming nobody). System messages and tombstones get none.
    /// </summary>
    public static IReadOnlyList<Message> ForViewer(
        IReadOnlyList<Message> messages, Conversation conversation, IReadOnlyList<ReadReceipt> cursors, string? viewer)
    {
        Dictionary<string, ReadReceipt> byUser = cursors.ToDictionary(c => c.User, StringComparer.Ordinal);
        // Resolved once: a group's MemberOf is a scan, and every message asks for every participant.
        (string User, long FromSeq, long DeliveredUpTo, long ReadSeq)[] participants = [.. conversation.Participants.Select(user =>
        {
            ReadReceipt? cursor = byUser.GetValueOrDefault(user);
            return (user, conversation.MemberOf(user)?.FromSeq ?? 1, cursor?.DeliveredUpTo ?? 0, cursor?.ReadSeq ?? 0);
        })];
        var shown = new Message[messages.Count];
        for (int i = 0; i < messages.Count; i++)
        {
            Message message = messages[i];
            bool wanted = viewer is null || string.Equals(message.Sender, viewer, StringComparison.Ordinal);
            shown[i] = wanted && !message.IsSystem && !message.IsDeleted ? message with { Delivery = Of(message, participants, conversation.IsGroup) } : message;
        }
        return shown;
    }

    private static MessageDelivery Of(Message message, (string User, long FromSeq, long DeliveredUpTo, long ReadSeq)[] participants, bool inGroup)
    {
        int others = 0, delivered = 0, read = 0;
        foreach ((string user, long fromSeq, long deliveredUpTo, long readSeq) in participants)
        {
            if (fromSeq > message.Seq || string.Equals(user, message.Sender, StringComparison.Ordinal))
            {
                continue;
            }
            others++;
            delivered += deliveredUpTo >= message.Seq ? 1 : 0;
            read += readSeq >= message.Seq ? 1 : 0;
        }
        string status = others == 0 ? Sent : read == others ? Read : delivered == others ? Delivered : Sent;
        return inGroup ? new MessageDelivery(status, delivered, read) : new MessageDelivery(status, null, null);
    }
}
