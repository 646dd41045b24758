using System.Text;
using Messaging.Functions.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Functions.Identity;

/// <summary>
/// What the JwtBearer schemes answer, in the API's error shape: every 401 carries <c>WWW-Authenticate: Bearer</c>
/// (with <c>error="invalid_token"</c> and the reason when a token was given, as RFC 6750 asks) and
/// <c>{"error": ...}</c>; a 403 says <c>{"error": "Not allowed."}</c>. Neither ever includes the token or a key.
/// </summary>
internal static class AuthResponses
{
    public static async Task ChallengeAsync(JwtBearerChallengeContext context, string error)
    {
        context.HandleResponse(); // instead of JwtBearer's own header-only challenge
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? JwtBearerDefaults.AuthenticationScheme
            : $"{JwtBearerDefaults.AuthenticationScheme} error=\"invalid_token\", error_description=\"{QuotedText(error)}\"";
        await response.WriteAsJsonAsync(new ErrorBody(error), MessagingJsonContext.Default.ErrorBody);
    }

    /// <summary>
    /// Why a given token was refused, from the validation failure. Only the kind of failure: the library's own
    /// messages are not passed on, as they can quote the token or name keys.
    /// </summary>
    public static string InvalidTokenReason(Exception failure) => failure switch
    {
        MissingUserClaimException missing => missing.Message,
        UnusableUserClaimException unusable => unusable.Message,
        SecurityTokenExpiredException => "The bearer token has expired (exp).",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet (nbf).",
        SecurityTokenNoExpirationException => "The bearer token has no expiry (exp).",
        SecurityTokenInvalidLifetimeException => "The bearer token's lifetime (nbf, exp) is not valid.",
        SecurityTokenInvalidAudienceException => "The bearer token's audience (aud) is not this API.",
        SecurityTokenInvalidIssuerException => "The bearer token's issuer (iss) is not trusted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException
            => "The bearer token's signature is not valid (wrong key, algorithm, or unsigned).",
        SecurityTokenMalformedException => "The bearer token is not a well-formed JWT.",
        _ => "The bearer token is not a valid JWT.", // e.g. no token handler can read it at all
    };

    public static async Task ForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new ErrorBody("Not allowed."), MessagingJsonContext.Default.ErrorBody);
    }

    /// <summary>The text as the inside of a quoted-string: header values are printable ASCII, quotes escaped.</summary>
    private static string QuotedText(string text)
    {
        var quoted = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            quoted.Append(c switch
            {
                '"' or '\\' => "\\" + c,
                < ' ' or > '~' => "?",
                _ => c.ToString(),
            });
        }
        return quoted.ToString();
    }
}
