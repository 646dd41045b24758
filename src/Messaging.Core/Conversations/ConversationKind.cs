namespace Messaging.Core.Conversations;

/// <summary>Direct conversations have exactly two participants, one per pair of users; groups come later.</summary>
public enum ConversationKind
{
    Direct,
    Group,
}
