using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Messaging.Functions.Tests.Realtime;

/// <summary>negotiate binds the connection token to the caller.</summary>
public class NegotiateTests(AzuriteFixture azurite)
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> NegotiateAsync(HttpClient http, string? principal = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/negotiate?negotiateVersion=1");
        if (principal is not null)
        {
            request.Headers.Add("x-ms-client-principal-id", principal);
        }
        HttpResponseMessage response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Negotiate_LocalWithoutAuth_UserFromPrincipalHeader()
    {
        await using var app = new MessagingApp(azurite);
        using HttpClient http = app.CreateClient();

        (HttpStatusCode status, JsonElement body) = await NegotiateAsync(http, "alice");

        Assert.Equal(HttpStatusCode.OK, status);
        string url = body.GetProperty("url").GetString()!;
        Assert.EndsWith("/api/hubs/messaging", url, StringComparison.Ordinal);
        var token = new JsonWebToken(body.GetProperty("accessToken").GetString());
        Assert.Equal("alice", token.GetClaim("nameid").Value);
        Assert.Equal(url, Assert.Single(token.Audiences));
    }

    [Fact]
    public async Task Negotiate_LocalWithoutAuthOrHeader_BadRequest()
    {
        await using var app = new MessagingApp(azurite);
        using HttpClient http = app.CreateClient();

        (HttpStatusCode status, JsonElement body) = await NegotiateAsync(http);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("x-ms-client-principal-id", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negotiate_WithAuth_TokenUserWinsOverHeader()
    {
        await using var app = new MessagingApp(azurite, settings: Tokens.JwtSettings);
        using HttpClient http = app.CreateClient().As(Tokens.For("bob"));
        using HttpClient anonymous = app.CreateClient();

        (HttpStatusCode status, JsonElement body) = await NegotiateAsync(http, "alice");
        (HttpStatusCode refused, _) = await NegotiateAsync(anonymous, "alice");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("bob", new JsonWebToken(body.GetProperty("accessToken").GetString()).GetClaim("nameid").Value);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    [Fact]
    public async Task Negotiate_WithSignalRService_PointsToTheService()
    {
        Dictionary<string, string?> settings = new()
        {
            ["AzureSignalRConnectionString"] = "Endpoint=https://chat-test.service.signalr.net;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;",
        };
        await using var app = new MessagingApp(azurite, settings: settings);
        using HttpClient http = app.CreateClient();

        (HttpStatusCode status, JsonElement body) = await NegotiateAsync(http, "alice");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("https://chat-test.service.signalr.net/client/?hub=messaging", body.GetProperty("url").GetString());
        var token = new JsonWebToken(body.GetProperty("accessToken").GetString());
        Assert.Equal("alice", token.GetClaim("nameid").Value);
        Assert.Equal("https://chat-test.service.signalr.net/client/?hub=messaging", Assert.Single(token.Audiences));
    }

    [Fact]
    public async Task Hub_WithoutNegotiatedToken_Unauthorized()
    {
        await using var app = new MessagingApp(azurite);
        using HttpClient http = app.CreateClient();

        HttpResponseMessage response = await http.PostAsync("/api/hubs/messaging/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        HttpResponseMessage forged = await http.PostAsync(
            $"/api/hubs/messaging/negotiate?negotiateVersion=1&access_token={Tokens.For("alice")}", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }
}
