using Messaging.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Functions.Identity;

/// <summary>
/// Configures the <c>Bearer</c> scheme (<see cref="JwtBearerDefaults.AuthenticationScheme"/>) from <see cref="AuthOptions"/>:
/// signature, issuer, audience and lifetime are checked, against a symmetric key (<c>Auth:SigningKey</c>, HS256)
/// and/or the signing keys and issuer of an OpenID Connect authority (<c>Auth:Authority</c>). What JwtBearer
/// bound from <c>Authentication:Schemes:Bearer</c> before this runs (the audiences, issuer and signing key
/// <c>dotnet user-jwts</c> writes) is kept and accepted too. The token is read from the <c>Authorization</c>
/// header only, never from the query string.
/// </summary>
internal sealed class BearerOptionsSetup(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        AuthOptions settings = auth.Value;
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        TokenValidationParameters bound = options.TokenValidationParameters; // from Authentication:Schemes:Bearer
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = settings.Issuer,
            ValidIssuers = Both(bound.ValidIssuers, bound.ValidIssuer),
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidAudiences = Both(bound.ValidAudiences, bound.ValidAudience),
            IssuerSigningKeys = bound.IssuerSigningKeys,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = settings.UserIdClaim,
            RoleClaimType = "roles",
        };
        if (settings.Mode == AuthMode.Jwt)
        {
            if (!string.IsNullOrEmpty(settings.SigningKey))
            {
                // AuthOptionsValidator has refused a key that is not valid base64 after the prefix.
                byte[] key = AuthOptions.SigningKeyBytes(settings.SigningKey) ?? throw new InvalidOperationException("Auth:SigningKey is not valid.");
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(key);
                options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256]; // no algorithm confusion
            }
            if (settings.Authority is { } authority)
            {
                // JwtBearer reads {authority}/.well-known/openid-configuration: the issuer and the signing keys.
                options.Authority = authority.AbsoluteUri;
                options.RequireHttpsMetadata = !authority.IsLoopback; // AuthOptionsValidator allows http only on loopback
            }
        }
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                // A token that names no user cannot act as anyone: refuse it here, so the 401 is a challenge like the others.
                if (string.IsNullOrEmpty(context.Principal?.FindFirst(settings.UserIdClaim)?.Value))
                {
                    context.Fail(new MissingUserClaimException($"The token has no '{settings.UserIdClaim}' claim."));
                }
                RejectUnusableUserId(context, settings.UserIdClaim);
                return Task.CompletedTask;
            },
            OnChallenge = context => AuthResponses.ChallengeAsync(context, context.AuthenticateFailure is { } failure
                ? AuthResponses.InvalidTokenReason(failure)
                : "A bearer token is required (Authorization: Bearer <token>)."),
            OnForbidden = AuthResponses.ForbiddenAsync,
        };
    }

    /// <summary>
    /// Refuses a token whose user id breaks the rules for user ids (too long, <c>.</c>, not valid Unicode): the caller
    /// learns it here, about its token, rather than as a 400 about a body field it never sent.
    /// </summary>
    private static void RejectUnusableUserId(TokenValidatedContext context, string claim)
    {
        if (context.Result is null
            && context.Principal?.FindFirst(claim)?.Value is { Length: > 0 } userId
            && InputRules.CheckUserId(userId, $"The token's user id (its '{claim}' claim)") is { } invalid)
        {
            context.Fail(new UnusableUserClaimException(invalid.Message));
        }
    }

    private static string[] Both(IEnumerable<string>? values, string? value) => [.. values ?? [], .. value is null ? [] : new[] { value }];
}

/// <summary>The reason a well-signed token was refused: it lacks the user id claim.</summary>
internal sealed class MissingUserClaimException(string message) : Exception(message);

/// <summary>The reason a well-signed token was refused: its user id claim is not a valid user id.</summary>
internal sealed class UnusableUserClaimException(string message) : Exception(message);
