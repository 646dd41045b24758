using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Functions.Identity;

/// <summary>Validates bearer tokens: signature, issuer, audience and lifetime.</summary>
internal sealed class TokenValidator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;

    public TokenValidator(IOptions<AuthOptions> options)
    {
        AuthOptions auth = options.Value;
        _parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = auth.Issuer,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = auth.UserIdClaim,
            RoleClaimType = "roles",
        };
        if (!string.IsNullOrEmpty(auth.SigningKey))
        {
            _parameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey));
            _parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256]; // no algorithm confusion
        }
        if (auth.Authority is { } authority)
        {
            string metadata = authority.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration";
            _parameters.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                metadata, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = !authority.IsLoopback });
        }
    }

    /// <summary>The token's identity, or null when the token is not valid.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string token)
    {
        TokenValidationResult result = await _handler.ValidateTokenAsync(token, _parameters);
        return result.IsValid ? result.ClaimsIdentity : null;
    }
}
