namespace Messaging.Core.Blocking;

/// <summary>
/// createConversation's side of blocking: a pair with a block in either direction gets no new direct conversation.
/// </summary>
/// <remarks>
/// Checking before creating is not enough on its own: a block written between the check and the commit would find no
/// conversation to mark (see <see cref="BlockUserHandler"/>). So after the commit the rows are read again and any
/// block found is marked on the new conversation: either the blocker's second mark or this one sees the other's write.
/// </remarks>
public sealed class DirectBlocks(IBlockStore blocks)
{
    /// <summary>
    /// The error for <paramref name="actor"/> when <paramref name="user1"/> and <paramref name="user2"/> may not start a
    /// conversation, else null. A refusal also marks an existing conversation of the pair, which repairs a mark an
    /// earlier failure left out.
    /// </summary>
    public async Task<Error?> CheckAsync(string actor, string user1, string user2, CancellationToken cancellationToken)
    {
        string[] blockers = await BlockersAsync(user1, user2, cancellationToken);
        if (blockers.Length == 0)
        {
            return null;
        }
        await MarkAsync(blockers, user1, user2, cancellationToken);
        return BlockErrors.For(actor, blockers);
    }

    /// <summary>After a conversation of the pair was committed: marks it with any block made since <see cref="CheckAsync"/>.</summary>
    public async Task MarkNewAsync(string user1, string user2, CancellationToken cancellationToken) =>
        await MarkAsync(await BlockersAsync(user1, user2, cancellationToken), user1, user2, cancellationToken);

    private async Task MarkAsync(string[] blockers, string user1, string user2, CancellationToken cancellationToken)
    {
        foreach (string blocker in blockers)
        {
            string other = string.Equals(blocker, user1, StringComparison.Ordinal) ? user2 : user1;
            await blocks.MarkDirectConversationAsync(blocker, other, blocks: true, cancellationToken);
        }
    }

    /// <summary>Which of the two block the other: two point reads, in parallel.</summary>
    private async Task<string[]> BlockersAsync(string user1, string user2, CancellationToken cancellationToken)
    {
        Task<Block?> first = blocks.FindAsync(user1, user2, cancellationToken);
        Task<Block?> second = blocks.FindAsync(user2, user1, cancellationToken);
        Block?[] found = await Task.WhenAll(first, second);
        return [.. found.OfType<Block>().Select(b => b.User)];
    }
}
