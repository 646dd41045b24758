using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Web.Tests.Infrastructure;

/// <summary>Mints HS256 tokens the way an identity provider would, for the app's Jwt mode.</summary>
internal static class Tokens
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "messaging-api";
    private const string SigningKey = "web-test-signing-key-0123456789abcdef-0123456789";

    public static Dictionary<string, string?> JwtSettings => new()
    {
        ["Auth:Mode"] = "Jwt",
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKey"] = SigningKey,
    };

    public static string For(string sub)
    {
        DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + TimeSpan.FromMinutes(30),
            Claims = new Dictionary<string, object> { ["sub"] = sub },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
