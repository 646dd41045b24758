namespace Messaging.Core.Reactions;

/// <summary>React to <paramref name="MessageId"/> with <paramref name="Emoji"/> as <paramref name="User"/> (default: the caller).</summary>
public sealed record AddReaction(string MessageId, string? User, string? Emoji);

/// <summary>Take back <paramref name="User"/>'s <paramref name="Emoji"/> reaction to <paramref name="MessageId"/>.</summary>
public sealed record RemoveReaction(string MessageId, string? User, string? Emoji);
