namespace Messaging.Core.Groups;

/// <summary>Create a group: <paramref name="Creator"/> (the caller when left out) becomes its admin.</summary>
public sealed record CreateGroupConversation(string? Creator, string? Title, IReadOnlyList<string>? Members, string? Category);

/// <summary>A change to a group by <paramref name="Actor"/> (the caller when left out).</summary>
public abstract record GroupChange(string ConversationId, string? Actor);

public sealed record AddMembers(string ConversationId, string? Actor, IReadOnlyList<string>? Members) : GroupChange(ConversationId, Actor);

public sealed record RemoveMembers(string ConversationId, string? Actor, IReadOnlyList<string>? Members) : GroupChange(ConversationId, Actor);

public sealed record SetMemberRole(string ConversationId, string? Actor, string? Member, string? Role) : GroupChange(ConversationId, Actor);

public sealed record UpdateConversation(string ConversationId, string? Actor, string? Title) : GroupChange(ConversationId, Actor);

public sealed record LeaveConversation(string ConversationId, string? User) : GroupChange(ConversationId, User);
