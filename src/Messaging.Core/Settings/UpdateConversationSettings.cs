namespace Messaging.Core.Settings;

/// <summary>Change <paramref name="User"/>'s (the caller's when left out) settings for a conversation.</summary>
public sealed record UpdateConversationSettings(string ConversationId, string? User, SettingsChange Change);
