using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.SignalRService.Tests;

public sealed class SignalRNegotiatorTests
{
    private const string Key = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
    private const string AzureConnectionString = $"Endpoint=https://svc.service.signalr.net;AccessKey={Key};Version=1.0;";
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public void Negotiate_AzureEndpoint_UrlAndAudienceAreTheClientUrl()
    {
        NegotiateResult result = Negotiator(AzureConnectionString).Negotiate("chat", "alice");

        Assert.Equal("https://svc.service.signalr.net/client/?hub=chat", result.Url);
        Assert.Equal(result.Url, Decode(result).Audience);
    }

    [Fact]
    public void Negotiate_EndpointWithPort_UrlKeepsPortAudienceDropsIt()
    {
        // The emulator's connection string; the SDK builds the audience from scheme://host/ only.
        NegotiateResult result = Negotiator($"Endpoint=http://localhost;Port=8888;AccessKey={Key};Version=1.0;").Negotiate("chat", "alice");

        Assert.Equal("http://localhost:8888/client/?hub=chat", result.Url);
        Assert.Equal("http://localhost/client/?hub=chat", Decode(result).Audience);
    }

    [Fact]
    public void Negotiate_ClientEndpoint_UrlUsesItAudienceUsesEndpoint()
    {
        NegotiateResult result = Negotiator(
            $"Endpoint=https://svc.service.signalr.net;ClientEndpoint=https://gateway.example.com:8443;AccessKey={Key};Version=1.0;")
            .Negotiate("chat", "alice");

        Assert.Equal("https://gateway.example.com:8443/client/?hub=chat", result.Url);
        Assert.Equal("https://svc.service.signalr.net/client/?hub=chat", Decode(result).Audience);
    }

    [Fact]
    public void Negotiate_MixedCaseHub_IsLowercased()
    {
        NegotiateResult result = Negotiator(AzureConnectionString).Negotiate("Chat_Room2", "alice");

        Assert.Equal("https://svc.service.signalr.net/client/?hub=chat_room2", result.Url);
        Assert.Equal(result.Url, Decode(result).Audience);
    }

    [Fact]
    public void Negotiate_Token_IsHs256JwtWithUserAndOneHourLifetime()
    {
        JwtReference token = Decode(Negotiator(AzureConnectionString).Negotiate("chat", "alice@example.com"));

        Assert.True(token.SignatureValid);
        Assert.Equal("HS256", token.Header.GetProperty("alg").GetString());
        Assert.Equal("JWT", token.Header.GetProperty("typ").GetString());
        Assert.Equal("alice@example.com", token.Claims.GetProperty("nameid").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), token.Claim("iat"));
        Assert.Equal(Now.ToUnixTimeSeconds(), token.Claim("nbf"));
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds(), token.Claim("exp"));
    }

    [Fact]
    public void Negotiate_Lifetime_SetsExpiry()
    {
        JwtReference token = Decode(Negotiator(AzureConnectionString).Negotiate("chat", "alice", TimeSpan.FromMinutes(10)));

        Assert.Equal(Now.AddMinutes(10).ToUnixTimeSeconds(), token.Claim("exp"));
    }

    [Fact]
    public void Negotiate_Token_IsSignedWithTheKeyTextNotItsBase64Bytes()
    {
        string token = Negotiator(AzureConnectionString).Negotiate("chat", "alice").AccessToken;

        Assert.True(JwtReference.Decode(token, Key).SignatureValid);
        Assert.False(JwtReference.Decode(token, "another key").SignatureValid);
    }

    [Fact]
    public void Negotiate_Token_MatchesJwtComputedOutsideDotNet()
    {
        // Python: base64url(header) "." base64url(payload) signed with hmac.new(key.encode(), ..., sha256).
        string token = Negotiator(AzureConnectionString).Negotiate("chat", "alice").AccessToken;

        Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                + ".eyJhdWQiOiJodHRwczovL3N2Yy5zZXJ2aWNlLnNpZ25hbHIubmV0L2NsaWVudC8_aHViPWNoYXQiLCJpYXQiOjE3MzU3MzI4MDAsIm5iZiI6MTczNTczMjgwMCwiZXhwIjoxNzM1NzM2NDAwLCJuYW1laWQiOiJhbGljZSJ9"
                + ".RAdupc4AL9_vfSREgx7dFfmophR1ndjo4PDSZGW-qU4",
            token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1chat")]
    [InlineData("chat-room")]
    [InlineData("chat room")]
    [InlineData("chat/x")]
    public void Negotiate_InvalidHubName_ThrowsArgumentException(string hubName) =>
        Assert.ThrowsAny<ArgumentException>(() => Negotiator(AzureConnectionString).Negotiate(hubName, "alice"));

    [Fact]
    public void Negotiate_EmptyUserId_ThrowsArgumentException() =>
        Assert.ThrowsAny<ArgumentException>(() => Negotiator(AzureConnectionString).Negotiate("chat", ""));

    [Fact]
    public void Negotiate_SubSecondLifetime_ThrowsArgumentOutOfRangeException() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Negotiator(AzureConnectionString).Negotiate("chat", "alice", TimeSpan.Zero));

    [Fact]
    public void Constructor_EntraOnlyConnectionString_ThrowsNotSupportedExceptionNamingTheAccessKey()
    {
        NotSupportedException error = Assert.Throws<NotSupportedException>(
            () => new SignalRNegotiator("Endpoint=https://svc.service.signalr.net;AuthType=azure.msi;Version=1.0;"));

        Assert.Contains("AccessKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Client access tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegotiateResult_DefaultSerializerOptions_WritesCamelCaseUrlAndAccessToken()
    {
        string json = JsonSerializer.Serialize(new NegotiateResult("https://svc/client/?hub=chat", "jwt"));

        Assert.Equal("""{"url":"https://svc/client/?hub=chat","accessToken":"jwt"}""", json);
    }

    [Fact]
    public void NegotiateResult_ToString_DoesNotShowTheToken() =>
        Assert.DoesNotContain("secret-jwt", new NegotiateResult("u", "secret-jwt").ToString(), StringComparison.Ordinal);

    private SignalRNegotiator Negotiator(string connectionString) => new(connectionString, _clock);

    private static JwtReference Decode(NegotiateResult result) => JwtReference.Decode(result.AccessToken, Key);
}
