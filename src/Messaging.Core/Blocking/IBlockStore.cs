namespace Messaging.Core.Blocking;

/// <summary>
/// Blocks, kept in the blocker's own partition (what <c>_getBlockedUsers</c> lists), and their mark on the pair's direct
/// conversation (what sends and typing check, with no read of their own).
/// </summary>
public interface IBlockStore
{
    /// <summary>The block <paramref name="user"/> holds on <paramref name="blocked"/>, with its version; null when there is none.</summary>
    Task<Block?> FindAsync(string user, string blocked, CancellationToken cancellationToken);

    /// <summary>Every block <paramref name="user"/> holds, in no particular order.</summary>
    Task<IReadOnlyList<Block>> ListAsync(string user, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="block"/>: inserted when <paramref name="readVersion"/> is null, else replaced if still at that
    /// version. <see cref="ErrorKind.Conflict"/> when another write got there first: re-read and retry.
    /// </summary>
    Task<Result<Block>> SaveAsync(Block block, string? readVersion, CancellationToken cancellationToken);

    /// <summary>Removes the block <paramref name="user"/> holds on <paramref name="blocked"/>, if any.</summary>
    Task DeleteAsync(string user, string blocked, CancellationToken cancellationToken);

    /// <summary>
    /// Records in <paramref name="blocked"/>'s own partition whether <paramref name="user"/> blocks them, so that a group
    /// member's typing can skip those who block them with one query of the typer's rows.
    /// </summary>
    Task MarkBlockedByAsync(string user, string blocked, bool blocks, CancellationToken cancellationToken);

    /// <summary>The users who block <paramref name="user"/> (from the marks <see cref="MarkBlockedByAsync"/> keeps).</summary>
    Task<IReadOnlyList<string>> BlockersOfAsync(string user, CancellationToken cancellationToken);

    /// <summary>
    /// The users on either side of a block with <paramref name="user"/>: those the user blocks and those who block the
    /// user, each once, in no particular order.
    /// </summary>
    Task<IReadOnlyList<string>> BlockedEitherWayAsync(string user, CancellationToken cancellationToken);

    /// <summary>
    /// Records on the direct conversation of <paramref name="user"/> and <paramref name="other"/>, if the pair has one,
    /// whether <paramref name="user"/> blocks <paramref name="other"/> (<see cref="Conversations.Conversation.BlockedBy"/>).
    /// The write changes the header's version, so a send guarded by an older one (another server's memory) fails and
    /// reads the mark. False when the pair has no committed conversation.
    /// </summary>
    Task<bool> MarkDirectConversationAsync(string user, string other, bool blocks, CancellationToken cancellationToken);
}
