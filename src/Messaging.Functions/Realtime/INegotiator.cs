namespace Messaging.Functions.Realtime;

/// <summary>Where a user's real-time client connects, and with what token.</summary>
public interface INegotiator
{
    NegotiateResponse Negotiate(HttpRequest request, string userId);
}
