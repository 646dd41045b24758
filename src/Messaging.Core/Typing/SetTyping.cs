namespace Messaging.Core.Typing;

/// <summary>Tell the other participants that <paramref name="User"/> is (or stopped) typing.</summary>
public sealed record SetTyping(string ConversationId, string? User, bool IsTyping);
