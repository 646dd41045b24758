using Messaging.SignalRService;
using Messaging.Core.Realtime;
using Messaging.Functions.Realtime;

namespace Messaging.Functions.AzureServices;

/// <summary>Points clients at Azure SignalR Service (serverless), with a token the service accepts for the user.</summary>
internal sealed class SignalRServiceNegotiator(SignalRNegotiator negotiator) : INegotiator
{
    public NegotiateResponse Negotiate(HttpRequest request, string userId)
    {
        NegotiateResult result = negotiator.Negotiate(RealtimeEvents.Hub, userId);
        return new NegotiateResponse(result.Url, result.AccessToken);
    }
}
