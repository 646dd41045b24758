using Messaging.Core.Conversations;

namespace Messaging.Core.Identity;

/// <summary>
/// Who is calling. With authentication on, a user (from a validated token), possibly an admin. With it
/// off (local development), <see cref="Unverified"/>: identities in request bodies are taken as given,
/// as the core HTTP contract describes.
/// </summary>
public sealed record Caller
{
    private Caller(string? userId, bool isAdmin)
    {
        UserId = userId;
        IsAdmin = isAdmin;
    }

    /// <summary>Authentication is off: every body identity is trusted and every query allowed.</summary>
    public static Caller Unverified { get; } = new(null, isAdmin: true);

    /// <summary>The authenticated user id; null for <see cref="Unverified"/>.</summary>
    public string? UserId { get; }

    public bool IsAdmin { get; }

    public bool IsVerified => UserId is not null;

    public static Caller User(string userId, bool isAdmin = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new Caller(userId, isAdmin);
    }

    /// <summary>
    /// The user a request acts as, checked by <see cref="InputRules.CheckUserId"/>. A verified caller acts only
    /// as itself: the body may name it or leave the field out; naming anyone else is forbidden. An unverified
    /// caller must name the user.
    /// </summary>
    public Result<string> ActAs(string? claimed, string field)
    {
        if (UserId is not null && claimed is not null && !string.Equals(claimed, UserId, StringComparison.Ordinal))
        {
            return Error.Forbidden($"{field} must be the authenticated user.");
        }
        string? user = UserId ?? claimed;
        if (user is null)
        {
            return Error.Invalid($"{field} is required.");
        }
        return InputRules.CheckUserId(user, field) is { } invalid ? invalid : Result<string>.Ok(user);
    }

    /// <summary>Participants read a conversation and its messages; so do admins and unverified (local) callers.</summary>
    public bool MayRead(Conversation conversation) => !IsVerified || IsAdmin || conversation.HasMember(UserId!);

    /// <summary>Queries over everybody's data need the admin role.</summary>
    public bool MayReadEverything => IsAdmin;
}
