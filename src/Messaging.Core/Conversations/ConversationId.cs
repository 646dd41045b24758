namespace Messaging.Core.Conversations;

/// <summary>
/// Conversation ids are 32 lowercase hex digits of a version 7 GUID: time-ordered, so listings come
/// out roughly in creation order, and safe as a Table key without encoding.
/// </summary>
public static class ConversationId
{
    public const int Length = 32;

    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>True for strings this service could have issued; others cannot name a conversation.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
