using Azure.Data.Tables;
using Messaging.Core.Settings;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Settings;

/// <summary>
/// Maps a user's conversation settings to and from properties of their inbox row (<c>user_{user}</c>,
/// <c>conv_{conversationId}</c>), so the conversation list reads them in its one query. Fan-out never writes
/// these properties and only merges, so it cannot undo a setting; a settings write merges only these, so it
/// cannot move a counter.
/// </summary>
internal static class SettingsEntity
{
    private const string Pinned = nameof(Pinned);
    private const string Muted = nameof(Muted);
    private const string Archived = nameof(Archived);
    private const string Favorite = nameof(Favorite);
    private const string Ringtone = nameof(Ringtone);

    /// <summary>
    /// A cleared ringtone is stored as an empty string (never a valid ringtone): a merge cannot delete a property,
    /// and whether a null in a merge removes one differs between the service and emulators.
    /// </summary>
    private const string NoRingtone = "";

    /// <summary>The properties <see cref="From"/> reads, for queries' select lists.</summary>
    public static readonly string[] Fields = [Pinned, Muted, Archived, Favorite, Ringtone];

    /// <summary>The merge that applies <paramref name="change"/>: only the settings it changes.</summary>
    public static TableEntity Change(string user, string conversationId, SettingsChange change)
    {
        var entity = new TableEntity(TableLayout.UserPartition(user), TableLayout.InboxRowKey(conversationId));
        entity.SetIfNotNull(Pinned, change.Pinned);
        entity.SetIfNotNull(Muted, change.Muted);
        entity.SetIfNotNull(Archived, change.Archived);
        entity.SetIfNotNull(Favorite, change.Favorite);
        if (change.SetsRingtone)
        {
            entity[Ringtone] = change.Ringtone ?? NoRingtone;
        }
        return entity;
    }

    public static ConversationSettings From(TableEntity entity) => new(
        entity.GetBoolean(Pinned) ?? false,
        entity.GetBoolean(Muted) ?? false,
        entity.GetBoolean(Archived) ?? false,
        entity.GetBoolean(Favorite) ?? false,
        entity.GetString(Ringtone) is { Length: > 0 } ringtone ? ringtone : null);
}
