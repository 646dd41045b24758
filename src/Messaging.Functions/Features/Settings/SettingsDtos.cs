using System.Text.Json.Serialization;
using Messaging.Core.Settings;

namespace Messaging.Functions.Features.Settings;

/// <summary>
/// The body of <c>updateConversationSettings</c>; <see cref="User"/> defaults to the caller. A setting left out stays
/// as it is. The flags must be <c>true</c> or <c>false</c> when given (<c>null</c> is a 400: it would mean neither);
/// <c>"ringtone": null</c> clears the ringtone.
/// </summary>
/// <remarks>
/// Settable rather than init-only so the serializer calls a setter only for a field the body has: that is how a
/// field left out is told from one given as null.
/// </remarks>
public sealed record UpdateConversationSettingsRequest
{
    private bool? _pinned;
    private bool? _muted;
    private bool? _archived;
    private bool? _favorite;
    private bool _ringtoneGiven;
    private string? _ringtone;

    public required string ConversationId { get; init; }

    public string? User { get; init; }

    public bool Pinned { get => _pinned ?? false; set => _pinned = value; }

    public bool Muted { get => _muted ?? false; set => _muted = value; }

    public bool Archived { get => _archived ?? false; set => _archived = value; }

    public bool Favorite { get => _favorite ?? false; set => _favorite = value; }

    public string? Ringtone
    {
        get => _ringtone;
        set
        {
            _ringtone = value;
            _ringtoneGiven = true;
        }
    }

    public SettingsChange ToChange() => new(_pinned, _muted, _archived, _favorite, _ringtoneGiven, _ringtone);
}

/// <summary>A user's settings for a conversation: <c>updateConversationSettings</c>'s answer, and each entry's <c>settings</c> in <c>_getConversationsForUser</c>.</summary>
public sealed record ConversationSettingsDto(
    [property: JsonPropertyName("pinned")] bool Pinned,
    [property: JsonPropertyName("muted")] bool Muted,
    [property: JsonPropertyName("archived")] bool Archived,
    [property: JsonPropertyName("favorite")] bool Favorite,
    [property: JsonPropertyName("ringtone")] string? Ringtone)
{
    public static ConversationSettingsDto From(ConversationSettings settings) =>
        new(settings.Pinned, settings.Muted, settings.Archived, settings.Favorite, settings.Ringtone);
}
