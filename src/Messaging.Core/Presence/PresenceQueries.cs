using System.Globalization;
using Messaging.Core.Blocking;
using Messaging.Core.Identity;
using Messaging.Core.Inbox;

namespace Messaging.Core.Presence;

/// <summary>
/// _getPresence, and who may see a user's presence: those who share a conversation with them, unless either of the two
/// blocks the other.
/// </summary>
public sealed class PresenceQueries(IPresenceStore store, IInboxStore inbox, IBlockStore blocks, TimeProvider clock)
{
    /// <summary>Most users one _getPresence may ask about: a screen of contacts, not a directory.</summary>
    public const int MaxUsers = 100;

    /// <summary>
    /// The presence of each of <paramref name="users"/> (duplicates answered once, in the order first given) as the
    /// viewer may see it: the caller, or <paramref name="user"/> naming them. Users who share no conversation with the
    /// viewer, or that block the viewer or are blocked by them, look offline and never seen (<see cref="Presence.Unknown"/>),
    /// so presence cannot be probed, nor tell a blocked user that the blocker is around. Without
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
            visible = new HashSet<string>(await AudienceOfAsync(inbox, blocks, viewer, cancellationToken), StringComparer.Ordinal) { viewer };
        }
        PresenceSnapshot?[] snapshots = await Task.WhenAll(asked.Select(async u =>
            visible is null || visible.Contains(u) ? await store.ReadAsync(u, cancellationToken) : null));
        DateTimeOffset now = clock.GetUtcNow();
        return Result<IReadOnlyList<Presence>>.Ok([.. asked.Select((u, i) =>
            snapshots[i] is { } snapshot ? PresenceTracker.View(u, snapshot, now) : Presence.Unknown(u))]);
    }

    /// <summary>
    /// Those who see <paramref name="user"/>'s presence, and whose presence the user sees (the relation is symmetric):
    /// everyone who shares a conversation with them (their inbox lists them) but the users on either side of a block with
    /// them. Two queries of the user's own rows, in parallel.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AudienceOfAsync(IInboxStore inbox, IBlockStore blocks, string user, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<InboxEntry>> entries = inbox.ListAsync(user, cancellationToken);
        Task<IReadOnlyList<string>> blocked = blocks.BlockedEitherWayAsync(user, cancellationToken);
        await Task.WhenAll(entries, blocked);
        var hidden = new HashSet<string>(await blocked, StringComparer.Ordinal) { user };
        return [.. (await entries).SelectMany(e => e.Participants).Where(p => !hidden.Contains(p)).Distinct(StringComparer.Ordinal)];
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
