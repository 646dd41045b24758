using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Functions.Realtime;

/// <summary>
/// Access tokens for the local hub, shaped like Azure SignalR Service's (HS256, <c>aud</c> = the hub URL,
/// <c>nameid</c> = the user). The key is random per process: after a restart clients simply negotiate again.
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

    public async Task<ClaimsIdentity?> ValidateAsync(string token, string audience)
    {
        TokenValidationResult result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = UserClaim,
            LifetimeValidator = (notBefore, expires, _, _) => expires > clock.GetUtcNow().UtcDateTime,
        });
        return result.IsValid ? result.ClaimsIdentity : null;
    }
}
