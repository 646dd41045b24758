namespace Messaging.Core.Sync;

/// <summary>
/// A conversation's revision: how many changes were made to messages already sent (edits, deletions, reactions).
/// Each such change takes the next value, stamps it on the message and, through its event, on the inbox entry of
/// everyone who sees the message, so that catch-up finds the changed messages by "revision above the one I saw"
/// rather than by clock time. New messages need no revision: their gapless sequence numbers say what is new.
/// </summary>
/// <param name="Value">The latest change's number; 0 before the first.</param>
/// <param name="Version">The store's concurrency token for the counter; null before the first change.</param>
public sealed record Revision(long Value, string? Version)
{
    public static readonly Revision None = new(0, null);

    /// <summary>The number the next change takes; writing it is guarded by <see cref="Version"/>, so no two changes share one.</summary>
    public long Next => Value + 1;
}
