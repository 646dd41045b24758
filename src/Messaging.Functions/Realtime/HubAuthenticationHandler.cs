using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Realtime;

/// <summary>
/// Authenticates hub connections with the token negotiate issued: as a bearer header (negotiate) or
/// the <c>access_token</c> query parameter (WebSockets and server-sent events cannot send headers).
/// </summary>
internal sealed class HubAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, HubTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HubToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = Request.Query["access_token"];
        if (string.IsNullOrEmpty(token))
        {
            token = Identity.BearerHeader.Token(Request);
        }
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }
        ClaimsIdentity? identity = await tokens.ValidateAsync(token, HubAudience.For(Request));
        return identity is null
            ? AuthenticateResult.Fail("The hub access token is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>The audience of hub tokens: the hub's own absolute URL, as SignalR Service does.</summary>
internal static class HubAudience
{
    public static string For(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{MessagingHub.Path}";
}

/// <summary>The authorization policy of hub connections: a valid negotiate token.</summary>
public static class HubAuthentication
{
    public const string Policy = "hub";
}
