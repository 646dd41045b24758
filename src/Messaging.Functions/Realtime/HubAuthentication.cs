using Messaging.Functions.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Realtime;

/// <summary>The authentication scheme and authorization policy of hub connections: a valid negotiate token.</summary>
public static class HubAuthentication
{
    /// <summary>The JwtBearer scheme that checks the tokens <see cref="HubTokens"/> issued.</summary>
    public const string Scheme = "HubToken";

    public const string Policy = "hub";
}

/// <summary>
/// Configures the <see cref="HubAuthentication.Scheme"/> JwtBearer scheme: the token negotiate issued, as a bearer
/// header (negotiate) or, on the hub's paths only, the <c>access_token</c> query parameter (WebSockets and
/// server-sent events cannot send headers). Its <c>aud</c> must be the hub URL of the request.
/// </summary>
internal sealed class HubBearerOptionsSetup(HubTokens tokens) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == HubAuthentication.Scheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.TokenValidationParameters = tokens.ValidationParameters;
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                string? query = context.Request.Query["access_token"];
                if (!string.IsNullOrEmpty(query) && context.Request.Path.StartsWithSegments(MessagingHub.Path, StringComparison.OrdinalIgnoreCase))
                {
                    context.Token = query;
                }
                return Task.CompletedTask; // otherwise JwtBearer reads the Authorization header
            },
            OnTokenValidated = context =>
            {
                // The audience depends on the request (the hub URL as the client reached it), so it is checked here.
                string audience = HubAudience.For(context.Request);
                if (context.Principal?.FindAll("aud").Any(aud => string.Equals(aud.Value, audience, StringComparison.Ordinal)) != true)
                {
                    context.Fail("The hub access token is for another hub URL.");
                }
                return Task.CompletedTask;
            },
            OnChallenge = context => AuthResponses.ChallengeAsync(context, context.AuthenticateFailure is null
                ? "A hub access token from negotiate is required (Authorization: Bearer <token> or the access_token query parameter)."
                : "The hub access token is not valid; negotiate again."),
            OnForbidden = AuthResponses.ForbiddenAsync,
        };
    }
}

/// <summary>The audience of hub tokens: the hub's own absolute URL, as SignalR Service does.</summary>
internal static class HubAudience
{
    public static string For(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{MessagingHub.Path}";
}
