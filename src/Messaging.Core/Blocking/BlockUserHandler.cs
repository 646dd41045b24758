using Messaging.Core.Identity;

namespace Messaging.Core.Blocking;

/// <summary>
/// The blockUser and unblockUser actions. A block lives in two places: the blocker's block row (the source of truth,
/// listed by <c>_getBlockedUsers</c> and checked by createConversation) and a mark on the pair's direct conversation
/// header (checked by every send at no extra cost, since a send has the header anyway).
/// </summary>
/// <remarks>
/// <para>
/// The order of the writes keeps "row implies mark" true whenever a step fails, so a failure errs towards refusing
/// messages, never towards letting them through, and repeating the same call repairs it (both actions are
/// idempotent and always redo every step):
/// </para>
/// <list type="bullet">
/// <item>Blocking marks the conversation (and, in the blocked user's partition, who blocks them: what group typing
/// reads), then writes the row, then marks the conversation again. The second mark catches a
/// conversation created meanwhile (its creator checked the rows before our row existed) and an unblock that cleared
/// the first mark while our row was being written.</item>
/// <item>Unblocking deletes the row, then clears the mark, then reads the row: if a block was written meanwhile, it
/// marks again.</item>
/// </list>
/// <para>A creation racing a block is covered from the other side too: see <see cref="DirectBlocks"/>.</para>
/// </remarks>
public sealed class BlockUserHandler(IBlockStore blocks, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    public async Task<Result<Block>> BlockAsync(Caller caller, BlockUser command, CancellationToken cancellationToken)
    {
        Result<string> user = caller.ActAs(command.User, "user");
        if (!user.IsSuccess)
        {
            return user.Error;
        }
        if ((Check(user.Value, command.Blocked) ?? (command.Reason is null ? null : InputRules.CheckReason(command.Reason, "reason"))) is { } invalid)
        {
            return invalid;
        }

        await Task.WhenAll(
            blocks.MarkDirectConversationAsync(user.Value, command.Blocked, blocks: true, cancellationToken),
            blocks.MarkBlockedByAsync(user.Value, command.Blocked, blocks: true, cancellationToken));
        Result<Block>? saved = null;
        for (int attempt = 1; attempt <= MaxAttempts && saved is not { IsSuccess: true }; attempt++)
        {
            Block? existing = await blocks.FindAsync(user.Value, command.Blocked, cancellationToken);
            // Blocking again keeps the first blockedAt; a reason given replaces the note, one left out keeps it.
            Block next = existing is null
                ? new Block(user.Value, command.Blocked, command.Reason, Timestamps.ToMilliseconds(clock.GetUtcNow()))
                : existing with { Reason = command.Reason ?? existing.Reason };
            saved = next == existing ? Result<Block>.Ok(existing) : await blocks.SaveAsync(next, existing?.Version, cancellationToken);
            if (!saved.IsSuccess && saved.Error.Kind != ErrorKind.Conflict)
            {
                return saved;
            }
        }
        if (saved is not { IsSuccess: true })
        {
            return Error.Conflict("The block changed at the same time; try again.");
        }
        await blocks.MarkDirectConversationAsync(user.Value, command.Blocked, blocks: true, cancellationToken);
        return saved;
    }

    public async Task<Result<UnblockUser>> UnblockAsync(Caller caller, UnblockUser command, CancellationToken cancellationToken)
    {
        Result<string> user = caller.ActAs(command.User, "user");
        if (!user.IsSuccess)
        {
            return user.Error;
        }
        if (Check(user.Value, command.Blocked) is { } invalid)
        {
            return invalid;
        }

        await blocks.DeleteAsync(user.Value, command.Blocked, cancellationToken);
        await Task.WhenAll(
            blocks.MarkDirectConversationAsync(user.Value, command.Blocked, blocks: false, cancellationToken),
            blocks.MarkBlockedByAsync(user.Value, command.Blocked, blocks: false, cancellationToken));
        if (await blocks.FindAsync(user.Value, command.Blocked, cancellationToken) is not null)
        {
            // A block made meanwhile (another device) must not be left without its marks.
            await Task.WhenAll(
                blocks.MarkDirectConversationAsync(user.Value, command.Blocked, blocks: true, cancellationToken),
                blocks.MarkBlockedByAsync(user.Value, command.Blocked, blocks: true, cancellationToken));
        }
        return Result<UnblockUser>.Ok(command with { User = user.Value });
    }

    private static Error? Check(string user, string blocked) =>
        InputRules.CheckUserId(blocked, "blocked")
        ?? (string.Equals(user, blocked, StringComparison.Ordinal) ? Error.Invalid("You cannot block yourself: blocked must be another user.") : null);
}
