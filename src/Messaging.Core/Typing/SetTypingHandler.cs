using Messaging.Core.Blocking;
using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Realtime;

namespace Messaging.Core.Typing;

/// <summary>The typing action: checked like a send, pushed straight to the others, never stored (no outbox).</summary>
/// <remarks>
/// A blocker hears no typing from the user they block: in a direct conversation the header's block mark says so; in a
/// group, one query of the typer's own rows lists who blocks them.
/// </remarks>
public sealed class SetTypingHandler(IConversationStore conversations, IBlockStore blocks, IRealtimeNotifier notifier)
{
    public async Task<Result<TypingChanged>> HandleAsync(Caller caller, SetTyping command, CancellationToken cancellationToken)
    {
        Result<string> user = caller.ActAs(command.User, "user");
        if (!user.IsSuccess)
        {
            return user.Error;
        }
        Conversation? conversation = ConversationId.IsWellFormed(command.ConversationId)
            ? await conversations.FindAsync(command.ConversationId, cancellationToken)
            : null;
        if (conversation is null)
        {
            return Error.NotFound("Conversation");
        }
        if (!conversation.HasMember(user.Value))
        {
            return Error.Forbidden("user is not a participant of this conversation.");
        }

        var typing = new TypingChanged(conversation.Id, user.Value, command.IsTyping);
        IReadOnlyList<string> blockers = conversation.IsGroup ? await blocks.BlockersOfAsync(user.Value, cancellationToken) : [];
        await notifier.NotifyAsync(
            [.. conversation.Participants
                .Where(other => !string.Equals(other, user.Value, StringComparison.Ordinal))
                .Where(other => !blockers.Contains(other, StringComparer.Ordinal))
                .Where(_ => !conversation.IsBlocked) // no messages either way while blocked, so no typing either way
                .Select(other => new Notification(other, RealtimeEvents.Typing, typing))],
            cancellationToken);
        return Result<TypingChanged>.Ok(typing);
    }
}
