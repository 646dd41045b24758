using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Identity;

/// <summary>Tokens are checked for signature, issuer, audience and lifetime; bad configuration stops the app.</summary>
public class AuthenticationTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", Tokens.For("alice", lifetime: TimeSpan.FromMinutes(-10)) },
        { "wrong issuer", Tokens.For("alice", issuer: "https://evil.test") },
        { "wrong audience", Tokens.For("alice", audience: "someone-else") },
        { "wrong key", Tokens.For("alice", key: "another-key-0123456789abcdef-0123456789ab") },
        { "unsigned", UnsignedToken() },
        { "garbage", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Request_InvalidToken_Unauthorized(string why, string token)
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using var api = new ApiClient(app.CreateClient().As(token));

        ApiResponse response = await api.PostAsync("_getConversationsForUser", new { });

        Assert.True(response.Status == HttpStatusCode.Unauthorized, why);
        response.AssertError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_NoToken_UnauthorizedWithChallenge()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using HttpClient http = app.CreateClient();

        HttpResponseMessage response = await http.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
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
        using var alice = new ApiClient(app.CreateClient().As(Tokens.For("alice")));

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
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task Start_OutsideDevelopmentWithUnsafeAuthConfiguration_Refuses(string expectedMessage, Dictionary<string, string?> settings)
    {
        await using var app = new MessagingApp(azurite, settings: settings, environment: "Production");

        Exception error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(expectedMessage, error.ToString(), StringComparison.Ordinal);
    }

    private static string UnsignedToken()
    {
        static string B64(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        long exp = TimeProvider.System.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds();
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64($"{{\"sub\":\"alice\",\"iss\":\"{Tokens.Issuer}\",\"aud\":\"{Tokens.Audience}\",\"exp\":{exp}}}")}.";
    }
}
