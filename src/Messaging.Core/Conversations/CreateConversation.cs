namespace Messaging.Core.Conversations;

/// <summary>Create a direct conversation between two users.</summary>
public sealed record CreateConversation(string User1, string User2);
