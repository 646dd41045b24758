using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Sync;

namespace Messaging.Core.Messages;

/// <summary>A stored message about to be changed (edited, deleted), with its conversation and its row's version.</summary>
public sealed record MessageChange(Conversation Conversation, Message Message, string Version)
{
    /// <summary>Whether it is the conversation's latest message, whose preview the conversation and its inbox entries show.</summary>
    public bool IsLatest => Message.Seq == Conversation.LastSeq;

    /// <summary>The conversation's revision as read with the message: the change takes <see cref="Revision.Next"/>.</summary>
    public Revision Revision { get; init; } = Revision.None;

    /// <summary>
    /// Who may change a message at all: a member who can see it. Non-members are refused; a message from before the
    /// user joined is answered as if it did not exist, as queries do.
    /// </summary>
    public Error? CheckVisibleTo(string user)
    {
        if (Conversation.MemberOf(user) is not { } member)
        {
            return AccessErrors.NotParticipant;
        }
        return Message.Seq < member.FromSeq ? Error.NotFound("Message") : null;
    }
}
