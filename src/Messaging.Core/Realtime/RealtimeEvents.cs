namespace Messaging.Core.Realtime;

/// <summary>Client method names of the real-time contract, shared by the local hub and the Azure SignalR output.</summary>
public static class RealtimeEvents
{
    /// <summary>The hub's name, locally and in Azure SignalR Service.</summary>
    public const string Hub = "messaging";

    public const string NewMessage = "newMessage";
    public const string MessageRead = "messageRead";
    public const string ConversationCreated = "conversationCreated";
    public const string Typing = "typing";
    public const string MembersChanged = "membersChanged";
    public const string ConversationUpdated = "conversationUpdated";
    public const string ConversationDeleted = "conversationDeleted";
    public const string MessageUpdated = "messageUpdated";
    public const string MessageDeleted = "messageDeleted";
    public const string ReactionChanged = "reactionChanged";
    public const string MessageDelivered = "messageDelivered";
    public const string PresenceChanged = "presenceChanged";
}
