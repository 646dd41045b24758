using Messaging.Core.Conversations;
using Messaging.Core.Delivery;
using Messaging.Core.Identity;

namespace Messaging.Core.Messages;

/// <summary>The message queries: _getMessagesInConversation, _getMessageDetails, _getAllMessages.</summary>
public sealed class MessageQueries(IMessageStore messages)
{
    /// <summary>
    /// The conversation's messages that the caller may see. With <paramref name="user"/> (optional; with authentication
    /// on, only the caller), those that user may see: a group member's history starts where they joined. The viewer's
    /// own messages carry their <see cref="Message.Delivery"/> (see <see cref="Viewer"/>).
    /// </summary>
    /// <remarks>With <paramref name="page"/>, one page of it (see <see cref="HistoryPage"/>), oldest first.</remarks>
    public async Task<Result<MessagesSeen>> InConversationAsync(
        Caller caller, string conversationId, CancellationToken cancellationToken, string? user = null, HistoryPage? page = null)
    {
        if (user is not null && caller.ActAs(user, "user") is { IsSuccess: false } who)
        {
            return who.Error;
        }
        Func<Conversation?, SeqRange?>? window = null;
        if (page is { IsNone: false })
        {
            Result<HistoryWindow> resolved = page.Resolve(conversationId);
            if (!resolved.IsSuccess)
            {
                return resolved.Error;
            }
            window = conversation => resolved.Value.RangeFor(conversation, conversation is null ? 1 : VisibleFrom(caller, conversation, user));
        }
        ConversationMessages? found = ConversationId.IsWellFormed(conversationId)
            ? await messages.ListAsync(conversationId, cancellationToken, window)
            : null;
        if (found is null)
        {
            return Error.NotFound("Conversation");
        }
        if (!caller.MayRead(found.Conversation))
        {
            return AccessErrors.NotParticipant;
        }
        long from = FirstVisible(caller, found.Conversation);
        if (user is not null)
        {
            if (found.Conversation.MemberOf(user) is not { } member)
            {
                return AccessErrors.NotParticipant;
            }
            from = member.FromSeq;
        }
        IReadOnlyList<Message> visible = from <= 1 ? found.Messages : [.. found.Messages.Where(m => m.Seq >= from)];
        return Result<MessagesSeen>.Ok(new(found.Conversation, DeliveryStatus.ForViewer(visible, found.Conversation, found.Cursors, Viewer(caller, user))));
    }

    /// <summary>The message the id names, with its status when the viewer sent it; <paramref name="user"/> as for <see cref="InConversationAsync"/>.</summary>
    public async Task<Result<MessagesSeen>> DetailsAsync(Caller caller, string messageId, CancellationToken cancellationToken, string? user = null)
    {
        if (user is not null && caller.ActAs(user, "user") is { IsSuccess: false } who)
        {
            return who.Error;
        }
        MessageLookup? found = MessageId.TryParse(messageId, out string conversationId, out long seq)
            ? await messages.FindAsync(conversationId, seq, cancellationToken)
            : null;
        if (found?.Message is null)
        {
            return Error.NotFound("Message");
        }
        if (!caller.MayRead(found.Conversation))
        {
            return AccessErrors.NotParticipant;
        }
        if (found.Message.Seq < FirstVisible(caller, found.Conversation))
        {
            return Error.NotFound("Message");
        }
        return Result<MessagesSeen>.Ok(new(found.Conversation, DeliveryStatus.ForViewer([found.Message], found.Conversation, found.Cursors, Viewer(caller, user))));
    }

    /// <summary>Where the history the query shows starts: the named user's join, else the caller's.</summary>
    private static long VisibleFrom(Caller caller, Conversation conversation, string? user) =>
        user is not null ? conversation.MemberOf(user)?.FromSeq ?? 1 : FirstVisible(caller, conversation);

    /// <summary>
    /// Whose messages get a status: the verified caller's (an admin reads as nobody in particular), else the user the
    /// request names; null (every message) for a local caller naming nobody.
    /// </summary>
    private static string? Viewer(Caller caller, string? user) => caller.UserId is { } id && !caller.IsAdmin ? id : user;

    /// <summary>
    /// The first message a caller may see: a group member sees what was sent from the moment they joined. Admins and
    /// unverified (local) callers, who name no user, see everything.
    /// </summary>
    internal static long FirstVisible(Caller caller, Conversation conversation) =>
        caller.UserId is { } user && !caller.IsAdmin ? conversation.MemberOf(user)?.FromSeq ?? 1 : 1;

    public async Task<Result<IReadOnlyList<Message>>> AllAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.MayReadEverything
            ? Result<IReadOnlyList<Message>>.Ok(await messages.ListAllAsync(cancellationToken))
            : AccessErrors.NotAdmin;
}

/// <summary>Messages as a query shows them, with the conversation they belong to (whether it is a group shapes them).</summary>
public sealed record MessagesSeen(Conversation Conversation, IReadOnlyList<Message> Messages);
