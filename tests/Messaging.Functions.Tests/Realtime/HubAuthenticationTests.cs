using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Realtime;

/// <summary>
/// The local hub takes the token negotiate issued, in the Authorization header or (WebSockets, server-sent
/// events) the access_token query parameter; it must be this process's, for this hub URL, and unexpired.
/// </summary>
public class HubAuthenticationTests(AzuriteFixture azurite)
{
    private const string HubNegotiate = "/api/hubs/messaging/negotiate?negotiateVersion=1";

    [Fact]
    public async Task Hub_NegotiatedTokenInQueryString_Accepted()
    {
        await using var app = new MessagingApp(azurite);
        using HttpClient http = app.CreateClient();
        string token = await NegotiateAsync(http, "alice");

        HttpResponseMessage response = await http.PostAsync($"{HubNegotiate}&access_token={token}", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Hub_NegotiatedTokenInHeader_Accepted()
    {
        await using var app = new MessagingApp(azurite);
        using HttpClient http = app.CreateClient();
        string token = await NegotiateAsync(http, "alice");
        using HttpClient hub = app.CreateClient().As(token);

        HttpResponseMessage response = await hub.PostAsync(HubNegotiate, null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Hub_NoToken_UnauthorizedWithChallenge()
    {
        await using var app = new MessagingApp(azurite);
        using HttpClient http = app.CreateClient();

        HttpResponseMessage response = await http.PostAsync(HubNegotiate, null, TestContext.Current.CancellationToken);

        await AssertChallengeAsync(response, "required");
    }

    [Fact]
    public async Task Hub_TokenOfAnotherProcess_UnauthorizedWithChallenge()
    {
        await using var app = new MessagingApp(azurite);
        await using var other = new MessagingApp(azurite);
        using HttpClient otherHttp = other.CreateClient();
        string token = await NegotiateAsync(otherHttp, "alice");
        using HttpClient http = app.CreateClient();

        HttpResponseMessage response = await http.PostAsync($"{HubNegotiate}&access_token={token}", null, TestContext.Current.CancellationToken);

        await AssertChallengeAsync(response, "not valid");
    }

    [Fact]
    public async Task Hub_TokenForAnotherHubUrl_UnauthorizedWithChallenge()
    {
        await using var app = new MessagingApp(azurite);
        using HttpClient http = app.CreateClient();
        string token = await NegotiateAsync(http, "alice"); // aud = http://localhost/api/hubs/messaging
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{HubNegotiate}&access_token={token}");
        request.Headers.Host = "elsewhere.test";

        HttpResponseMessage response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertChallengeAsync(response, "not valid");
    }

    [Fact]
    public async Task Hub_ExpiredToken_UnauthorizedWithChallenge()
    {
        var clock = new ShiftedClock();
        await using var app = new MessagingApp(azurite, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        using HttpClient http = app.CreateClient();
        string token = await NegotiateAsync(http, "alice");

        clock.Shift = TimeSpan.FromMinutes(59);
        HttpResponseMessage before = await http.PostAsync($"{HubNegotiate}&access_token={token}", null, TestContext.Current.CancellationToken);
        clock.Shift = TimeSpan.FromMinutes(61);
        HttpResponseMessage after = await http.PostAsync($"{HubNegotiate}&access_token={token}", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await AssertChallengeAsync(after, "not valid");
    }

    [Fact]
    public async Task Hub_ApiBearerToken_NotAHubToken()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using HttpClient http = app.CreateClient().As(Tokens.For("alice"));

        HttpResponseMessage response = await http.PostAsync(HubNegotiate, null, TestContext.Current.CancellationToken);

        await AssertChallengeAsync(response, "not valid");
    }

    private static async Task<string> NegotiateAsync(HttpClient http, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/negotiate");
        request.Headers.Add("x-ms-client-principal-id", user);
        HttpResponseMessage response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("accessToken").GetString()!;
    }

    private static async Task AssertChallengeAsync(HttpResponseMessage response, string errorContains)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        string error = (await ApiResponse.ReadAsync(response)).AssertError(HttpStatusCode.Unauthorized);
        Assert.Contains(errorContains, error, StringComparison.Ordinal);
    }

    /// <summary>The system clock, moved forward by <see cref="Shift"/>.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }
}
