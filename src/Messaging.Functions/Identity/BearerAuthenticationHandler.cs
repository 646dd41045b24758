using System.Security.Claims;
using System.Text.Encodings.Web;
using Messaging.Functions.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Identity;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> tokens with <see cref="TokenValidator"/>. Failures answer in the
/// API's error shape. The token itself is never logged.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = BearerHeader.Token(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        ClaimsIdentity? identity = await validator.ValidateAsync(token);
        return identity is null
            ? AuthenticateResult.Fail("The bearer token is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        string error = BearerHeader.Token(Request) is null
            ? "A bearer token is required (Authorization: Bearer <token>)."
            : "The bearer token is not valid (signature, issuer, audience or lifetime).";
        await Response.WriteAsJsonAsync(new ErrorBody(error), MessagingJsonContext.Default.ErrorBody);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new ErrorBody("Not allowed."), MessagingJsonContext.Default.ErrorBody);
    }
}

/// <summary>Reads <c>Authorization: Bearer {token}</c>.</summary>
internal static class BearerHeader
{
    public static string? Token(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            string token = header["Bearer ".Length..].Trim();
            return token.Length == 0 ? null : token;
        }
        return null;
    }
}
