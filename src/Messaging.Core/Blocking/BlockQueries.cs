using Messaging.Core.Identity;

namespace Messaging.Core.Blocking;

/// <summary>_getBlockedUsers.</summary>
public sealed class BlockQueries(IBlockStore blocks)
{
    /// <summary>The users <paramref name="user"/> blocks, oldest block first (ties by user id, ordinal).</summary>
    public async Task<Result<IReadOnlyList<Block>>> BlockedUsersAsync(Caller caller, string? user, CancellationToken cancellationToken)
    {
        Result<string> who = caller.ActAs(user, "user");
        if (!who.IsSuccess)
        {
            return who.Error;
        }
        IReadOnlyList<Block> all = await blocks.ListAsync(who.Value, cancellationToken);
        return Result<IReadOnlyList<Block>>.Ok([.. all.OrderBy(b => b.BlockedAt).ThenBy(b => b.Blocked, StringComparer.Ordinal)]);
    }
}
