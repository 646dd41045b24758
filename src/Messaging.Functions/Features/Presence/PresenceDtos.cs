using System.Text.Json.Serialization;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Presence;

/// <summary>The body of <c>setPresence</c>; <see cref="User"/> defaults to the caller.</summary>
public sealed record SetPresenceRequest
{
    public string? User { get; init; }

    public required string Status { get; init; }
}

/// <summary>The body of <c>_getPresence</c>: whom to ask about, and optionally the viewer (with authentication on, only the caller).</summary>
public sealed record GetPresenceRequest
{
    public string? User { get; init; }

    public required IReadOnlyList<string> Users { get; init; }
}

/// <summary>A user's presence: the <c>setPresence</c> answer, an element of <c>_getPresence</c>, the <c>presenceChanged</c> argument.</summary>
public sealed record PresenceDto(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("lastSeen")] string? LastSeen)
{
    public static PresenceDto From(Core.Presence.Presence presence) =>
        new(presence.User, presence.Online, presence.Status, Iso.Format(presence.LastSeen));
}
