namespace Messaging.Core.Conversations;

/// <summary>Create a direct conversation between two users; with a verified caller, one of them may be left out (null) and is then the caller.</summary>
public sealed record CreateConversation(string? User1, string? User2);
