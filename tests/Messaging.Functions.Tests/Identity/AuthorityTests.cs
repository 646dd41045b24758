using System.Net;
using System.Security.Cryptography;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Functions.Tests.Identity;

/// <summary>
/// With <c>Auth:Authority</c>, signing keys and issuer come from the OpenID Connect metadata, as with Entra ID:
/// here a small identity provider on loopback serves the metadata and an RSA key set.
/// </summary>
public sealed class AuthorityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly RSA _signingKey = RSA.Create(2048);
    private WebApplication? _provider;
    private string _issuer = "";

    public async ValueTask InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, string>
        {
            ["issuer"] = _issuer,
            ["jwks_uri"] = _issuer + "/keys",
        }));
        _provider.MapGet("/keys", () =>
        {
            RSAParameters key = _signingKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = "k1", alg = "RS256", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } } });
        });
        await _provider.StartAsync(TestContext.Current.CancellationToken);
        _issuer = _provider.Urls.Single().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        _signingKey.Dispose();
    }

    private string Token(RSA key, string? issuer = null)
    {
        DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? _issuer,
            Audience = "api://messaging",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "alice" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    [Fact]
    public async Task Tokens_CheckedAgainstTheAuthoritysKeysAndIssuer()
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Jwt",
            ["Auth:Authority"] = _issuer,
            ["Auth:Audience"] = "api://messaging",
        }, environment: "Production");
        using RSA stranger = RSA.Create(2048);

        HttpStatusCode valid = await StatusAsync(app, Token(_signingKey));
        HttpStatusCode foreignKey = await StatusAsync(app, Token(stranger));
        HttpStatusCode foreignIssuer = await StatusAsync(app, Token(_signingKey, "https://elsewhere.test"));

        Assert.Equal(HttpStatusCode.OK, valid);
        Assert.Equal(HttpStatusCode.Unauthorized, foreignKey);
        Assert.Equal(HttpStatusCode.Unauthorized, foreignIssuer);
    }

    private static async Task<HttpStatusCode> StatusAsync(MessagingApp app, string token)
    {
        using HttpClient http = app.CreateClient().As(token);
        HttpResponseMessage response = await http.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
