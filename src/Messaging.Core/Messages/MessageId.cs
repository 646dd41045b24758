using System.Globalization;
using Messaging.Core.Conversations;

namespace Messaging.Core.Messages;

/// <summary>
/// Message ids are opaque to clients but encode the conversation and the sequence number
/// (<c>{conversationId}-{seq}</c>), so looking one up is a single point read.
/// </summary>
public static class MessageId
{
    public static string Format(string conversationId, long seq) =>
        string.Create(CultureInfo.InvariantCulture, $"{conversationId}-{seq}");

    /// <summary>Parses an id this service issued; anything else cannot name a message.</summary>
    public static bool TryParse(string? value, out string conversationId, out long seq)
    {
        conversationId = string.Empty;
        seq = 0;
        if (value is null || value.Length <= ConversationId.Length + 1 || value[ConversationId.Length] != '-')
        {
            return false;
        }
        string conversation = value[..ConversationId.Length];
        string number = value[(ConversationId.Length + 1)..];
        if (!ConversationId.IsWellFormed(conversation)
            || number.Length > 19
            || number[0] == '0'
            || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
        {
            return false;
        }
        conversationId = conversation;
        seq = parsed;
        return true;
    }
}
