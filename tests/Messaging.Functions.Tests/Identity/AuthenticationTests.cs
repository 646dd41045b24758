using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messaging.Functions.Tests.Identity;

/// <summary>Tokens are checked for signature, issuer, audience and lifetime; bad configuration stops the app.</summary>
public class AuthenticationTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string> BadTokens() => new()
    {
        // the reason the 401 gives, and the token
        { "has expired", Tokens.For("alice", lifetime: TimeSpan.FromMinutes(-10)) },
        { "issuer (iss) is not trusted", Tokens.For("alice", issuer: "https://evil.test") },
        { "audience (aud) is not this API", Tokens.For("alice", audience: "someone-else") },
        { "signature is not valid", Tokens.For("alice", key: "another-key-0123456789abcdef-0123456789ab") },
        { "is not valid yet (nbf)", Mint(new() { ["sub"] = "alice" }, notBefore: TimeSpan.FromHours(2)) },
        { "has no expiry (exp)", Mint(new() { ["sub"] = "alice" }, expires: false) },
        { "signature is not valid", UnsignedToken() },
        { "not a valid JWT", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Request_InvalidToken_UnauthorizedSayingWhyWithChallenge(string why, string token)
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using HttpClient http = app.CreateClient().As(token);

        HttpResponseMessage response = await http.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken);

        string error = (await ApiResponse.ReadAsync(response)).AssertError(HttpStatusCode.Unauthorized);
        Assert.Contains(why, error, StringComparison.Ordinal);
        AssertInvalidTokenChallenge(response, error);
        Assert.DoesNotContain(Tokens.SigningKey, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ValidTokenWithoutTheUserClaim_UnauthorizedWithChallenge()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using HttpClient http = app.CreateClient().As(Mint(new() { ["name"] = "alice" }));

        HttpResponseMessage response = await http.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken);

        string error = (await ApiResponse.ReadAsync(response)).AssertError(HttpStatusCode.Unauthorized);
        Assert.Equal("The token has no 'sub' claim.", error);
        AssertInvalidTokenChallenge(response, error);
    }

    public static TheoryData<string, string> UnusableUserIds() => new()
    {
        { new string('u', 129), "The token's user id (its 'sub' claim) must be at most 128 characters (Unicode scalar values)." },
        { string.Concat(Enumerable.Repeat("😀", 129)), "The token's user id (its 'sub' claim) must be at most 128 characters (Unicode scalar values)." },
        { "   ", "The token's user id (its 'sub' claim) must not be empty or blank." },
        { "..", "The token's user id (its 'sub' claim) must not be \".\" or \"..\"." },
    };

    [Theory]
    [MemberData(nameof(UnusableUserIds))]
    public async Task Request_TokenWhoseUserIdBreaksTheRules_UnauthorizedExplainingItAndNothingStored(string sub, string expected)
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using var caller = new ApiClient(app.CreateClient().As(Tokens.For(sub)));
        using var admin = new ApiClient(app.CreateClient().As(Tokens.For("root", ["admin"])));

        HttpResponseMessage raw = await caller.Http.PostAsync(
            "/api/Messaging/createConversation", new StringContent("{\"user2\":\"bob\"}"), TestContext.Current.CancellationToken);
        ApiResponse negotiate = await ApiResponse.ReadAsync(await caller.Http.PostAsync("/api/negotiate", null, TestContext.Current.CancellationToken));

        Assert.Equal("Bearer", Assert.Single(raw.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(expected, (await ApiResponse.ReadAsync(raw)).AssertError(HttpStatusCode.Unauthorized));
        Assert.Equal(expected, negotiate.AssertError(HttpStatusCode.Unauthorized));
        Assert.Empty((await admin.PostAsync("_getAllConversations")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Request_TokenWhoseUserIdIsAtTheLimit_Accepted()
    {
        string longest = string.Concat(Enumerable.Repeat("😀", 128));
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using var caller = new ApiClient(app.CreateClient().As(Tokens.For(longest)));

        ApiResponse created = await caller.PostAsync("createConversation", new { user1 = longest, user2 = "bob" });

        created.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_UserIdClaimConfigured_ActsAsThatClaimsUser()
    {
        Dictionary<string, string?> settings = Tokens.JwtSettings;
        settings["Auth:UserIdClaim"] = "oid";
        await using var app = new MessagingApp(azurite, settings: settings);
        using var carol = app.Api(app.CreateClient().As(Mint(new() { ["sub"] = "someone-else", ["oid"] = "carol" })));
        using var subOnly = app.Api(app.CreateClient().As(Tokens.For("carol")));

        string id = await carol.CreateConversationAsync("carol", "dave");
        ApiResponse sent = await carol.PostAsync("sendMessage", new { conversationId = id, content = "as oid" });
        ApiResponse refused = await subOnly.PostAsync("_getConversationsForUser", new { });

        Assert.Equal("carol", sent.Json.GetProperty("message").GetProperty("sender").GetString());
        Assert.Equal("The token has no 'oid' claim.", refused.AssertError(HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("/api/Messaging/_getConversationsForUser")]
    [InlineData("/api/negotiate")]
    public async Task Request_TokenInQueryString_NotAccepted(string path)
    {
        // Only the hub's own paths read access_token (WebSockets cannot send headers); API tokens go in the header.
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using HttpClient http = app.CreateClient();

        HttpResponseMessage response = await http.PostAsync($"{path}?access_token={Tokens.For("alice")}", new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("required", (await ApiResponse.ReadAsync(response)).AssertError(HttpStatusCode.Unauthorized), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_NoToken_UnauthorizedWithChallenge()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using HttpClient http = app.CreateClient();

        HttpResponseMessage response = await http.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // No token, no error code (RFC 6750 3.1): just the scheme to use.
        System.Net.Http.Headers.AuthenticationHeaderValue challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal(("Bearer", null), (challenge.Scheme, challenge.Parameter));
        (await ApiResponse.ReadAsync(response)).AssertError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_NoToken_Ok()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using HttpClient http = app.CreateClient();

        HttpResponseMessage response = await http.GetAsync("/api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_ValidToken_ActsAsTheTokensUser()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using var alice = app.Api(app.CreateClient().As(Tokens.For("alice")));

        string id = await alice.CreateConversationAsync("alice", "bob");
        ApiResponse sent = await alice.PostAsync("sendMessage", new { conversationId = id, content = "from the token" });

        sent.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("alice", sent.Json.GetProperty("message").GetProperty("sender").GetString());
    }

    public static TheoryData<string, Dictionary<string, string?>> BadConfigurations() => new()
    {
        { "allowed only in the Development environment", new() { ["Auth:Mode"] = "None" } },
        { "Auth:Mode is Jwt but neither", new() { ["Auth:Mode"] = "Jwt", ["Auth:Audience"] = "a" } },
        { "at least 32 bytes", new() { ["Auth:Mode"] = "Jwt", ["Auth:Audience"] = "a", ["Auth:Issuer"] = "i", ["Auth:SigningKey"] = "short" } },
        { "Auth:Audience is required", new() { ["Auth:Mode"] = "Jwt", ["Auth:Issuer"] = "i", ["Auth:SigningKey"] = Tokens.SigningKey } },
        { "Auth:Issuer is required", new() { ["Auth:Mode"] = "Jwt", ["Auth:Audience"] = "a", ["Auth:SigningKey"] = Tokens.SigningKey } },
        { "Auth:Authority must use https", new() { ["Auth:Mode"] = "Jwt", ["Auth:Audience"] = "a", ["Auth:Authority"] = "http://login.example" } },
        { "Auth:UserIdClaim must not be empty", new() { ["Auth:Mode"] = "Jwt", ["Auth:Audience"] = "a", ["Auth:Issuer"] = "i", ["Auth:SigningKey"] = Tokens.SigningKey, ["Auth:UserIdClaim"] = " " } },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task Start_OutsideDevelopmentWithUnsafeAuthConfiguration_Refuses(string expectedMessage, Dictionary<string, string?> settings)
    {
        await using var app = new MessagingApp(azurite, settings: settings, environment: "Production");

        Exception error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(expectedMessage, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary><c>WWW-Authenticate: Bearer error="invalid_token", error_description="..."</c>, the description being the body's error.</summary>
    private static void AssertInvalidTokenChallenge(HttpResponseMessage response, string error)
    {
        System.Net.Http.Headers.AuthenticationHeaderValue challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal($"error=\"invalid_token\", error_description=\"{error.Replace("\"", "\\\"", StringComparison.Ordinal)}\"", challenge.Parameter);
    }

    /// <summary>An HS256 token with the test issuer, audience and key, and exactly <paramref name="claims"/>.</summary>
    private static string Mint(Dictionary<string, object> claims, TimeSpan notBefore = default, bool expires = true)
    {
        DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Tokens.Issuer,
            Audience = Tokens.Audience,
            NotBefore = now + notBefore,
            Expires = expires ? now + notBefore + TimeSpan.FromMinutes(10) : null,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(Tokens.SigningKey)), SecurityAlgorithms.HmacSha256),
        };
        // Asked to leave exp out, the handler would add one of its own.
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = expires }.CreateToken(descriptor);
    }

    private static string UnsignedToken()
    {
        static string B64(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        long exp = TimeProvider.System.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"sub\":\"alice\",\"iss\":\"{Tokens.Issuer}\",\"aud\":\"{Tokens.Audience}\",\"exp\":{exp}}}")}.";
    }
}
