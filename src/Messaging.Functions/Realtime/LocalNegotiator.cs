namespace Messaging.Functions.Realtime;

/// <summary>Points clients at the app's own hub, with a token bound to the user.</summary>
internal sealed class LocalNegotiator(HubTokens tokens) : INegotiator
{
    public NegotiateResponse Negotiate(HttpRequest request, string userId)
    {
        string url = HubAudience.For(request);
        return new NegotiateResponse(url, tokens.Issue(userId, url));
    }
}
