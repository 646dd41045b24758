using System.Globalization;
using Messaging.Core.Identity;
using Messaging.Core.Inbox;

namespace Messaging.Core.Presence;

/// <summary>_getPresence, and who may see a user's presence: those who share a conversation with them.</summary>
public sealed class PresenceQueries(IPresenceStore store, IInboxStore inbox, TimeProvider clock)
{
    /// <summary>Most users one _getPresence may ask about: a screen of contacts, not a directory.</summary>
    public const int MaxUsers = 100;

    /// <summary>
    /// The presence of each of <paramref name="users"/> (duplicates answered once, in the order first given) as the
    /// viewer may see it: the caller, or <paramref name="user"/> naming them. Users who share no conversation with the
    /// viewer look offline and never seen (<see cref="Presence.Unknown"/>), so presence cannot be probed. Without
    /// authentication and without <paramref name="user"/> there is no viewer, and everyone's presence is shown.
    /// </summary>
    public async Task<Result<IReadOnlyList<Presence>>> GetAsync(Caller caller, string? user, IReadOnlyList<string>? users, CancellationToken cancellationToken)
    {
        string? viewer = null;
        if (caller.IsVerified || user is not null)
        {
            Result<string> who = caller.ActAs(user, "user");
            if (!who.IsSuccess)
            {
                return who.Error;
            }
            viewer = who.Value;
        }
        if (CheckUsers(users, "users") is { } invalid)
        {
            return invalid;
        }

        string[] asked = [.. users!.Distinct(StringComparer.Ordinal)];
        HashSet<string>? visible = null;
        if (viewer is not null)
        {
            visible = new HashSet<string>(await SharersOfAsync(inbox, viewer, cancellationToken), StringComparer.Ordinal) { viewer };
        }
        PresenceSnapshot?[] snapshots = await Task.WhenAll(asked.Select(async u =>
            visible is null || visible.Contains(u) ? await store.ReadAsync(u, cancellationToken) : null));
        DateTimeOffset now = clock.GetUtcNow();
        return Result<IReadOnlyList<Presence>>.Ok([.. asked.Select((u, i) =>
            snapshots[i] is { } snapshot ? PresenceTracker.View(u, snapshot, now) : Presence.Unknown(u))]);
    }

    /// <summary>Everyone who shares a conversation with <paramref name="user"/>, from the user's inbox (one partition query).</summary>
    public static async Task<IReadOnlyList<string>> SharersOfAsync(IInboxStore inbox, string user, CancellationToken cancellationToken)
    {
        IReadOnlyList<InboxEntry> entries = await inbox.ListAsync(user, cancellationToken);
        return [.. entries.SelectMany(e => e.Participants)
            .Where(p => !string.Equals(p, user, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>1 to <see cref="MaxUsers"/> valid user ids.</summary>
    public static Error? CheckUsers(IReadOnlyList<string>? users, string field)
    {
        if (users is { Count: > MaxUsers })
        {
            return Error.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} must list at most {MaxUsers} users."));
        }
        return InputRules.CheckUserIds(users, field);
    }
}
