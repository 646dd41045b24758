using Messaging.Core.Blocking;
using Messaging.Core.Conversations;

namespace Messaging.Core.Tests.Fakes;

/// <summary>Blocks kept in memory; marks go onto <paramref name="conversations"/>' direct conversation of the pair.</summary>
internal sealed class InMemoryBlockStore(InMemoryStores? conversations = null) : IBlockStore
{
    private int _version;

    public Dictionary<(string User, string Blocked), Block> Blocks { get; } = [];

    public Task<Block?> FindAsync(string user, string blocked, CancellationToken cancellationToken) =>
        Task.FromResult(Blocks.GetValueOrDefault((user, blocked)));

    public Task<IReadOnlyList<Block>> ListAsync(string user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Block>>([.. Blocks.Values.Where(b => b.User == user)]);

    public Task<Result<Block>> SaveAsync(Block block, string? readVersion, CancellationToken cancellationToken)
    {
        if (Blocks.GetValueOrDefault((block.User, block.Blocked))?.Version != readVersion)
        {
            return Task.FromResult<Result<Block>>(Error.Conflict("changed"));
        }
        Block stored = block with { Version = $"v{++_version}" };
        Blocks[(block.User, block.Blocked)] = stored;
        return Task.FromResult(Result<Block>.Ok(stored));
    }

    public Task DeleteAsync(string user, string blocked, CancellationToken cancellationToken)
    {
        Blocks.Remove((user, blocked));
        return Task.CompletedTask;
    }

    /// <summary>Who blocks whom, as the blocked user's marks record it.</summary>
    public HashSet<(string Blocker, string Blocked)> BlockedBy { get; } = [];

    public Task MarkBlockedByAsync(string user, string blocked, bool blocks, CancellationToken cancellationToken)
    {
        if (blocks)
        {
            BlockedBy.Add((user, blocked));
        }
        else
        {
            BlockedBy.Remove((user, blocked));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> BlockersOfAsync(string user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. BlockedBy.Where(b => b.Blocked == user).Select(b => b.Blocker)]);

    public Task<IReadOnlyList<string>> BlockedEitherWayAsync(string user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. Blocks.Keys.Where(b => b.User == user).Select(b => b.Blocked)
            .Concat(BlockedBy.Where(b => b.Blocked == user).Select(b => b.Blocker)).Distinct()]);

    public Task<bool> MarkDirectConversationAsync(string user, string other, bool blocks, CancellationToken cancellationToken)
    {
        Conversation? direct = conversations?.Conversations.Values.FirstOrDefault(c =>
            c.Kind == ConversationKind.Direct && c.HasMember(user) && c.HasMember(other));
        if (direct is null)
        {
            return Task.FromResult(false);
        }
        string[] blockedBy = [.. direct.Participants.Where(p => p == user ? blocks : direct.BlockedBy.Contains(p))];
        conversations!.Conversations[direct.Id] = direct with { BlockedBy = blockedBy, Version = $"b{++_version}" };
        return Task.FromResult(true);
    }
}
