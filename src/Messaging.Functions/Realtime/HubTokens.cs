using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Functions.Realtime;

/// <summary>
/// Access tokens for the local hub, shaped like Azure SignalR Service's (HS256, <c>aud</c> = the hub URL,
/// <c>nameid</c> = the user). The key is random per process: after a restart clients simply negotiate again.
/// The <see cref="HubAuthentication.Scheme"/> JwtBearer scheme checks them with <see cref="ValidationParameters"/>.
/// </summary>
internal sealed class HubTokens(TimeProvider clock)
{
    public const string UserClaim = "nameid";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32));
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public string Issue(string userId, string audience)
    {
        DateTime now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object> { [UserClaim] = userId },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// Signature (this process's key, HS256 only) and expiry (on the app's <see cref="TimeProvider"/>, no skew: the
    /// same clock issued it). The audience, the hub URL of the request, is checked per request by the scheme.
    /// </summary>
    public TokenValidationParameters ValidationParameters => new()
    {
        ValidateIssuer = false,
        ValidateAudience = false,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateLifetime = true,
        RequireExpirationTime = true,
        LifetimeValidator = (_, expires, _, _) => expires > clock.GetUtcNow().UtcDateTime,
        NameClaimType = UserClaim,
    };
}
