namespace Messaging.Core.Settings;

/// <summary>Each user's settings for their conversations, kept with their inbox entries.</summary>
public interface IConversationSettingsStore
{
    /// <summary>
    /// Applies <paramref name="change"/> to the user's settings for the conversation, touching nothing else of the
    /// entry (counters, last message), and returns the settings as stored afterwards.
    /// </summary>
    Task<ConversationSettings> UpdateAsync(string user, string conversationId, SettingsChange change, CancellationToken cancellationToken);
}
