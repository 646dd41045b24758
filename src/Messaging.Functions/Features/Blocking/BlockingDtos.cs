using System.Text.Json.Serialization;
using Messaging.Core.Blocking;
using Messaging.Functions.Http;

namespace Messaging.Functions.Features.Blocking;

/// <summary>The body of <c>blockUser</c>: <see cref="User"/> (the blocker) defaults to the caller.</summary>
public sealed record BlockUserRequest
{
    public string? User { get; init; }

    public required string Blocked { get; init; }

    public string? Reason { get; init; }
}

/// <summary>The body of <c>unblockUser</c>: <see cref="User"/> defaults to the caller.</summary>
public sealed record UnblockUserRequest
{
    public string? User { get; init; }

    public required string Blocked { get; init; }
}

/// <summary>What <c>blockUser</c> answers: the block as stored (a repeated block keeps its first <c>blockedAt</c>).</summary>
public sealed record BlockUserResponse(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("blocked")] string Blocked,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("blockedAt")] string BlockedAt)
{
    public static BlockUserResponse From(Block block) => new(block.User, block.Blocked, block.Reason, Iso.Format(block.BlockedAt));
}

/// <summary>An element of <c>_getBlockedUsers</c>: <see cref="User"/> is the blocked user.</summary>
public sealed record BlockedUserDto(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("blockedAt")] string BlockedAt)
{
    public static BlockedUserDto From(Block block) => new(block.Blocked, block.Reason, Iso.Format(block.BlockedAt));
}
