using System.Text;
using System.Text.Json;
using Azure;
using Messaging.Testing.Http;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.SignalRService.Tests;

/// <summary>The REST client against a real HTTP listener reached through the connection string's Port.</summary>
public sealed class SignalRRestClientTests : IAsyncLifetime
{
    private const string Key = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly JsonElement[] Arguments =
        [JsonSerializer.SerializeToElement(new { id = 1, text = "Hi <b>" }), JsonSerializer.SerializeToElement("x"), JsonSerializer.SerializeToElement<object?>(null)];

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _clock = new(Now);
    private RecordingServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await RecordingServer.StartAsync(202, cancellationToken: _ct);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a#b", "a%23b")]
    [InlineData("a?b=c&d", "a%3Fb%3Dc%26d")]
    [InlineData("a b", "a%20b")]
    [InlineData("%2F", "%252F")]
    [InlineData("é", "%C3%A9")]
    [InlineData("...", "...")]
    public async Task SendToUserAsync_UserId_PostsToEscapedUserPath(string userId, string escaped)
    {
        SignalRRestClient client = CreateClient();

        await client.SendToUserAsync("chat", userId, "newMessage", Arguments, _ct);

        RecordedRequest request = _server.OnlyRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/hubs/chat/users/" + escaped, request.Target);
    }

    [Fact]
    public async Task SendToUserAsync_Arguments_PostsPayloadMessageJson()
    {
        SignalRRestClient client = CreateClient();

        await client.SendToUserAsync("chat", "alice", "newMessage", Arguments, _ct);

        RecordedRequest request = _server.OnlyRequest;
        Assert.Equal("application/json", request.Header("Content-Type"));
        using JsonDocument body = JsonDocument.Parse(request.Body);
        Assert.Equal(["target", "arguments"], body.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.Equal("newMessage", body.RootElement.GetProperty("target").GetString());
        JsonElement[] arguments = [.. body.RootElement.GetProperty("arguments").EnumerateArray()];
        Assert.Equal(3, arguments.Length);
        Assert.Equal(1, arguments[0].GetProperty("id").GetInt32());
        Assert.Equal("Hi <b>", arguments[0].GetProperty("text").GetString());
        Assert.Equal("x", arguments[1].GetString());
        Assert.Equal(JsonValueKind.Null, arguments[2].ValueKind);
    }

    [Fact]
    public async Task SendToUserAsync_NoArguments_SendsEmptyArray()
    {
        SignalRRestClient client = CreateClient();

        await client.SendToUserAsync("chat", "alice", "ping", [], _ct);

        Assert.Equal("""{"target":"ping","arguments":[]}""", Encoding.UTF8.GetString(_server.OnlyRequest.Body));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("a/b #?c")]
    public async Task SendToUserAsync_Authorization_IsBearerJwtForTheRequestUrl(string userId)
    {
        SignalRRestClient client = CreateClient();

        await client.SendToUserAsync("chat", userId, "newMessage", Arguments, _ct);

        RecordedRequest request = _server.OnlyRequest;
        string? authorization = request.Header("Authorization");
        Assert.NotNull(authorization);
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var token = JwtReference.Decode(authorization["Bearer ".Length..], Key);
        Assert.True(token.SignatureValid);
        Assert.Equal("HS256", token.Header.GetProperty("alg").GetString());
        Assert.Equal(request.Url, token.Audience);
        Assert.StartsWith(_server.BaseAddress.AbsoluteUri + "api/v1/hubs/chat/users/", token.Audience, StringComparison.Ordinal);
        Assert.Equal(Now.ToUnixTimeSeconds(), token.Claim("iat"));
        Assert.True(token.Claim("exp") > Now.ToUnixTimeSeconds());
        Assert.False(token.Claims.TryGetProperty("nameid", out _));
    }

    [Fact]
    public async Task SendToUserAsync_MixedCaseHub_IsLowercasedInPath()
    {
        SignalRRestClient client = CreateClient();

        await client.SendToUserAsync("Chat", "alice", "newMessage", Arguments, _ct);

        Assert.Equal("/api/v1/hubs/chat/users/alice", _server.OnlyRequest.Target);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(200)]
    public async Task SendToUserAsync_StatusOtherThan202_ThrowsRequestFailedException(int status)
    {
        _server.DefaultStatus = status;
        SignalRRestClient client = CreateClient();

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.SendToUserAsync("chat", "alice", "newMessage", Arguments, _ct));

        Assert.Equal(status, error.Status);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    public async Task SendToUserAsync_UnaddressableUserId_ThrowsWithoutSending(string userId)
    {
        SignalRRestClient client = CreateClient();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SendToUserAsync("chat", userId, "newMessage", Arguments, _ct));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task SendToUserAsync_UndefinedArgument_ThrowsArgumentException()
    {
        SignalRRestClient client = CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendToUserAsync("chat", "alice", "newMessage", [default], _ct));
    }

    [Fact]
    public async Task SendToUsersAsync_Users_SendsOnceToEachDistinctUser()
    {
        SignalRRestClient client = CreateClient();

        await client.SendToUsersAsync("chat", ["alice", "bob", "alice", "c/d"], "newMessage", Arguments, _ct);

        Assert.Equal(
            ["/api/v1/hubs/chat/users/alice", "/api/v1/hubs/chat/users/bob", "/api/v1/hubs/chat/users/c%2Fd"],
            _server.Requests.Select(request => request.Target).Order(StringComparer.Ordinal));
        Assert.All(_server.Requests, request =>
            Assert.Equal(request.Url, JwtReference.Decode(request.Header("Authorization")!["Bearer ".Length..], Key).Audience));
    }

    [Fact]
    public async Task SendToUsersAsync_OneFails_ThrowsItAfterTryingEveryUser()
    {
        _server.Respond(500);
        SignalRRestClient client = CreateClient(retries: 0);

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.SendToUsersAsync("chat", ["alice", "bob", "carol"], "newMessage", Arguments, _ct));

        Assert.Equal(500, error.Status);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task SendToUsersAsync_SeveralFail_ThrowsAggregateOfAll()
    {
        _server.Respond(500, 404);
        SignalRRestClient client = CreateClient(retries: 0);

        AggregateException error = await Assert.ThrowsAsync<AggregateException>(
            () => client.SendToUsersAsync("chat", ["alice", "bob", "carol"], "newMessage", Arguments, _ct));

        Assert.Equal([404, 500], error.InnerExceptions.Cast<RequestFailedException>().Select(inner => inner.Status).Order());
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task SendToUsersAsync_AnInvalidUser_ThrowsBeforeSendingAny()
    {
        SignalRRestClient client = CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendToUsersAsync("chat", ["alice", ".."], "newMessage", Arguments, _ct));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Constructor_EntraOnlyConnectionString_ThrowsNotSupportedException() =>
        Assert.Throws<NotSupportedException>(() => new SignalRRestClient("Endpoint=https://svc.service.signalr.net;AuthType=aad;Version=1.0;"));

    [Fact]
    public void Endpoint_ConnectionStringWithPort_IncludesThePort()
    {
        var client = new SignalRRestClient($"Endpoint=http://localhost;Port=8888;AccessKey={Key};Version=1.0;");

        Assert.Equal("http://localhost:8888/", client.Endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(404, false)]
    public async Task ConnectionExistsAsync_Status_SaysWhetherTheConnectionIsOpen(int status, bool open)
    {
        SignalRRestClient client = CreateClient();
        _server.Respond(status);

        bool exists = await client.ConnectionExistsAsync("Messaging", "conn/1", _ct);

        Assert.Equal(open, exists);
        RecordedRequest request = _server.OnlyRequest;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/v1/hubs/messaging/connections/conn%2F1", request.Target);
        Assert.StartsWith("Bearer ", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionExistsAsync_OtherStatus_Throws()
    {
        SignalRRestClient client = CreateClient(retries: 0);
        _server.Respond(403);

        RequestFailedException failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.ConnectionExistsAsync("messaging", "c1", _ct));

        Assert.Equal(403, failure.Status);
    }

    private SignalRRestClient CreateClient(int? retries = null)
    {
        var options = new SignalRClientOptions { TimeProvider = _clock };
        if (retries is { } maxRetries)
        {
            options.Retry.MaxRetries = maxRetries;
        }
        string connectionString = $"Endpoint=http://127.0.0.1;Port={_server.BaseAddress.Port};AccessKey={Key};Version=1.0;";
        return new SignalRRestClient(connectionString, options);
    }
}
