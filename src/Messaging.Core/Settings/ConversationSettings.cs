namespace Messaging.Core.Settings;

/// <summary>
/// One user's preferences for one conversation. They are the user's alone (the other participants never see them)
/// and only stored: muting, for one, is honoured by clients; the conversation still counts as unread and its events
/// are still pushed.
/// </summary>
public sealed record ConversationSettings(bool Pinned, bool Muted, bool Archived, bool Favorite, string? Ringtone)
{
    /// <summary>What a conversation has until its user changes something: everything off, no ringtone.</summary>
    public static readonly ConversationSettings Default = new(false, false, false, false, null);
}

/// <summary>
/// The settings a request changes: a null flag, or <see cref="SetsRingtone"/> false, leaves that setting as it is
/// (a merge), so two clients changing different settings at once do not undo each other.
/// <see cref="Ringtone"/> null with <see cref="SetsRingtone"/> clears the ringtone.
/// </summary>
public sealed record SettingsChange(bool? Pinned, bool? Muted, bool? Archived, bool? Favorite, bool SetsRingtone, string? Ringtone)
{
    public bool IsEmpty => Pinned is null && Muted is null && Archived is null && Favorite is null && !SetsRingtone;

    /// <summary><paramref name="current"/> with this change applied.</summary>
    public ConversationSettings ApplyTo(ConversationSettings current) => new(
        Pinned ?? current.Pinned,
        Muted ?? current.Muted,
        Archived ?? current.Archived,
        Favorite ?? current.Favorite,
        SetsRingtone ? Ringtone : current.Ringtone);
}
