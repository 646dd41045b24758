using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Functions.Tests.Infrastructure;

/// <summary>Mints HS256 tokens the way an identity provider (or the black-box suite) would.</summary>
internal static class Tokens
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "messaging-api";
    public const string SigningKey = "test-signing-key-0123456789abcdef-0123456789";

    public static Dictionary<string, string?> JwtSettings => new()
    {
        ["Auth:Mode"] = "Jwt",
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKey"] = SigningKey,
    };

    public static string For(
        string sub,
        string[]? roles = null,
        string issuer = Issuer,
        string audience = Audience,
        string key = SigningKey,
        TimeSpan? lifetime = null,
        byte[]? keyBytes = null)
    {
        DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
        TimeSpan life = lifetime ?? TimeSpan.FromMinutes(10);
        var claims = new Dictionary<string, object> { ["sub"] = sub };
        if (roles is not null)
        {
            claims["roles"] = roles;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = life < TimeSpan.Zero ? now + life - TimeSpan.FromMinutes(5) : now,
            NotBefore = life < TimeSpan.Zero ? now + life - TimeSpan.FromMinutes(5) : now,
            Expires = now + life,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(keyBytes ?? Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    public static HttpClient As(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
