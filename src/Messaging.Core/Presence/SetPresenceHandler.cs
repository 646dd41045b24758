using Messaging.Core.Identity;

namespace Messaging.Core.Presence;

/// <summary>
/// The setPresence action. The status is the user's choice and is kept until they change it, across connections; it
/// shows while they are online (offline shows as <c>offline</c>), and a change while online tells those who share a
/// conversation with them.
/// </summary>
public sealed class SetPresenceHandler(PresenceTracker tracker)
{
    public async Task<Result<Presence>> HandleAsync(Caller caller, SetPresence command, CancellationToken cancellationToken)
    {
        Result<string> user = caller.ActAs(command.User, "user");
        if (!user.IsSuccess)
        {
            return user.Error;
        }
        if (!PresenceStatus.IsSettable(command.Status))
        {
            return Error.Invalid($"status must be '{PresenceStatus.Online}' or '{PresenceStatus.Away}'.");
        }
        return await tracker.SetStatusAsync(user.Value, command.Status, cancellationToken);
    }
}
