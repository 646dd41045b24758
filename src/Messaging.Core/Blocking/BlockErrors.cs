namespace Messaging.Core.Blocking;

/// <summary>
/// What a refused direct message says. The blocked user learns only that they cannot message the other; the blocker
/// is reminded why and how to undo it.
/// </summary>
public static class BlockErrors
{
    public static readonly Error CannotMessage = Error.Forbidden("You cannot message this user.");

    public static readonly Error YouBlocked = Error.Forbidden("You have blocked this user; unblock them to message them.");

    /// <summary>The error for <paramref name="actor"/> in a direct conversation whose <paramref name="blockers"/> are given.</summary>
    public static Error For(string actor, IEnumerable<string> blockers) =>
        blockers.Contains(actor, StringComparer.Ordinal) ? YouBlocked : CannotMessage;
}
