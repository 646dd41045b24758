namespace Messaging.Core.Typing;

/// <summary>A participant started or stopped typing. Ephemeral: never stored.</summary>
public sealed record TypingChanged(string ConversationId, string User, bool IsTyping);
