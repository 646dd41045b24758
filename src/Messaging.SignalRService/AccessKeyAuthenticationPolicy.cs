using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Messaging.SignalRService;

/// <summary>
/// Authorizes data-plane REST calls with <c>Authorization: Bearer {jwt}</c>, the JWT's <c>aud</c> being the request
/// URL without its query, as documented (e.g. <c>https://svc.service.signalr.net/api/v1/hubs/chat/users/alice</c>).
/// </summary>
/// <remarks>
/// The audience differs per request, so a token is minted per attempt (an HMAC; cheap) rather than cached; running
/// per retry also keeps <c>nbf</c>/<c>exp</c> fresh after a back-off.
/// </remarks>
internal sealed class AccessKeyAuthenticationPolicy(string accessKey, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    /// <summary>Request tokens live an hour, as in the SignalR SDK, which leaves room for clock skew.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly byte[] _key = Encoding.UTF8.GetBytes(accessKey);

    public override void OnSendingRequest(HttpMessage message)
    {
        string audience = message.Request.Uri.ToUri().GetLeftPart(UriPartial.Path);
        string token = SignalRAccessToken.Create(audience, userId: null, timeProvider.GetUtcNow(), Lifetime, _key);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
    }
}
