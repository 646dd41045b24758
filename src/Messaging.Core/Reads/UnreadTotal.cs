using Messaging.Core.Inbox;

namespace Messaging.Core.Reads;

/// <summary>A user's unread messages over all their conversations, and how many conversations have any: a badge.</summary>
public sealed record UnreadTotal(long UnreadCount, int Conversations)
{
    /// <summary>Summed from the user's inbox entries; muted conversations count unless <paramref name="excludeMuted"/>.</summary>
    public static UnreadTotal Of(IEnumerable<InboxEntry> entries, bool excludeMuted)
    {
        long unread = 0;
        int conversations = 0;
        foreach (InboxEntry entry in entries)
        {
            if (entry.UnreadCount == 0 || (excludeMuted && entry.Settings.Muted))
            {
                continue;
            }
            unread += entry.UnreadCount;
            conversations++;
        }
        return new UnreadTotal(unread, conversations);
    }
}
