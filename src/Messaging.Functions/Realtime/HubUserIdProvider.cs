using Microsoft.AspNetCore.SignalR;

namespace Messaging.Functions.Realtime;

/// <summary>A connection belongs to the user named by its access token.</summary>
internal sealed class HubUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(HubTokens.UserClaim)?.Value;
}
