using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Messages;

namespace Messaging.Core.Reads;

/// <summary>
/// What markRead and markDelivered share: who marks, up to which message, and the loop that reads the conversation with
/// the user's cursor, decides, and writes guarded by the member row's ETag (a race re-reads and decides again, like a
/// send on the header's).
/// </summary>
internal static class CursorMove
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// One attempt: given the conversation with the user's cursor, the user, and the sequence number to mark up to (the
    /// named message, else the last), the answer, or null when the guarded write lost a race.
    /// </summary>
    public delegate Task<Result<T>?> Attempt<T>(CursorContext context, string user, long upTo);

    /// <summary>Checks the request, then runs <paramref name="attempt"/> until it settles; <paramref name="busy"/> after too many races.</summary>
    public static async Task<Result<T>> RunAsync<T>(
        IReadCursorStore cursors, Caller caller, string? user, string conversationId, string? messageId, string busy,
        Attempt<T> attempt, CancellationToken cancellationToken)
    {
        Result<string> who = caller.ActAs(user, "user");
        if (!who.IsSuccess)
        {
            return who.Error;
        }
        if (!ConversationId.IsWellFormed(conversationId))
        {
            return Error.NotFound("Conversation");
        }
        long? target = null;
        if (messageId is not null)
        {
            if (!MessageId.TryParse(messageId, out string messageConversation, out long seq) || messageConversation != conversationId)
            {
                return Error.NotFound("Message");
            }
            target = seq;
        }

        for (int i = 0; i < MaxAttempts; i++)
        {
            CursorContext? context = await cursors.LoadAsync(conversationId, who.Value, cancellationToken);
            if (context is null)
            {
                return Error.NotFound("Conversation");
            }
            if (!context.Conversation.HasMember(who.Value))
            {
                return Error.Forbidden("user is not a participant of this conversation.");
            }
            if (target > context.Conversation.LastSeq)
            {
                return Error.NotFound("Message");
            }
            if (await attempt(context, who.Value, target ?? context.Conversation.LastSeq) is { } settled)
            {
                return settled;
            }
        }
        return Error.Conflict(busy);
    }
}
