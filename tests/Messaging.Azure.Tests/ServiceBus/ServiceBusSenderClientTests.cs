using System.Text.Json;
using Azure;
using Messaging.Azure.ServiceBus;
using Messaging.Azure.Tests.Http;
using Messaging.Testing.Http;

namespace Messaging.Azure.Tests.ServiceBus;

/// <summary>The sender against a real HTTP listener: what goes on the wire, and how answers are read.</summary>
public sealed class ServiceBusSenderClientTests : IAsyncLifetime
{
    private const string Key = "SGVsbG9TZXJ2aWNlQnVzS2V5MTIzNDU2Nzg5MA==";
    private const string KeyName = "RootManageSharedAccessKey";
    private const string ConnectionString =
        $"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName={KeyName};SharedAccessKey={Key}";
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly ManualTimeProvider _clock = new(Now);
    private RecordingServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await RecordingServer.StartAsync(201, cancellationToken: _ct);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendAsync_Message_PostsBodyWithContentTypeAndBrokerProperties()
    {
        ServiceBusSenderClient client = CreateClient();
        byte[] body = [0x7B, 0x00, 0xFF, 0x80, 0x7D]; // not UTF-8: the bytes must pass through untouched

        await client.SendAsync(new BinaryData(body), "msg-1", "application/octet-stream", _ct);

        RecordedRequest request = _server.OnlyRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/orders/messages", request.Target);
        Assert.Equal("application/octet-stream", request.Header("Content-Type"));
        Assert.Equal(body, request.Body);
        using JsonDocument properties = JsonDocument.Parse(request.Header("BrokerProperties")!);
        JsonProperty single = Assert.Single(properties.RootElement.EnumerateObject());
        Assert.Equal("MessageId", single.Name);
        Assert.Equal("msg-1", single.Value.GetString());
    }

    [Fact]
    public async Task SendAsync_DefaultContentType_IsApplicationJson()
    {
        ServiceBusSenderClient client = CreateClient();

        await client.SendAsync(BinaryData.FromString("""{"id":42}"""), "msg-1", cancellationToken: _ct);

        Assert.Equal("application/json", _server.OnlyRequest.Header("Content-Type"));
        Assert.Equal("""{"id":42}"""u8.ToArray(), _server.OnlyRequest.Body);
    }

    [Fact]
    public async Task SendAsync_MessageIdNeedingJsonEscapes_SendsValidAsciiJson()
    {
        ServiceBusSenderClient client = CreateClient();
        const string messageId = "a\"b\\c/é";

        await client.SendAsync(BinaryData.FromString("{}"), messageId, cancellationToken: _ct);

        string header = _server.OnlyRequest.Header("BrokerProperties")!;
        Assert.True(header.All(char.IsAscii));
        using JsonDocument properties = JsonDocument.Parse(header);
        Assert.Equal(messageId, properties.RootElement.GetProperty("MessageId").GetString());
    }

    [Fact]
    public async Task SendAsync_ConnectionString_SignsSasAsTheProtocolDocSays()
    {
        ServiceBusSenderClient client = CreateClient();

        await client.SendAsync(BinaryData.FromString("{}"), "msg-1", cancellationToken: _ct);

        var sas = SasReference.Parse(_server.OnlyRequest.Header("Authorization"));
        Assert.Equal("https%3A%2F%2Fns.servicebus.windows.net%2Forders", sas.EncodedResource);
        Assert.Equal("https://ns.servicebus.windows.net/orders", sas.Resource);
        Assert.Equal(KeyName, sas.KeyName);
        Assert.True(sas.Expiry > Now.ToUnixTimeSeconds(), "se must be in the future");
        Assert.Equal((Now + TimeSpan.FromHours(1)).ToUnixTimeSeconds(), sas.Expiry);
        Assert.Equal(sas.ExpectedSignature(Key), sas.Signature);
    }

    [Fact]
    public async Task SendAsync_ConnectionString_MatchesSasComputedOutsideDotNet()
    {
        // Python: quote_plus(sr); b64encode(hmac.new(key.encode(), f"{sr}\n{se}".encode(), sha256).digest()), se = 2025-01-01T13:00:00Z.
        ServiceBusSenderClient client = CreateClient();

        await client.SendAsync(BinaryData.FromString("{}"), "msg-1", cancellationToken: _ct);

        Assert.Equal(
            "SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2Forders"
                + "&sig=2BRRERCksXWPvmKHmLgcJTT9Z%2Bmb1yOOlb2YDnYugd8%3D&se=1735736400&skn=RootManageSharedAccessKey",
            _server.OnlyRequest.Header("Authorization"));
    }

    [Fact]
    public async Task SendAsync_TokenNotNearExpiry_ReusesIt()
    {
        ServiceBusSenderClient client = CreateClient();

        await client.SendAsync(BinaryData.FromString("{}"), "msg-1", cancellationToken: _ct);
        _clock.Now = Now.AddMinutes(54);
        await client.SendAsync(BinaryData.FromString("{}"), "msg-2", cancellationToken: _ct);

        Assert.Equal(_server.Requests[0].Header("Authorization"), _server.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task SendAsync_TokenNearExpiry_RenewsIt()
    {
        ServiceBusSenderClient client = CreateClient();

        await client.SendAsync(BinaryData.FromString("{}"), "msg-1", cancellationToken: _ct);
        _clock.Now = Now.AddMinutes(56);
        await client.SendAsync(BinaryData.FromString("{}"), "msg-2", cancellationToken: _ct);

        var renewed = SasReference.Parse(_server.Requests[1].Header("Authorization"));
        Assert.Equal(Now.AddMinutes(56 + 60).ToUnixTimeSeconds(), renewed.Expiry);
        Assert.Equal(renewed.ExpectedSignature(Key), renewed.Signature);
    }

    [Fact]
    public async Task SendAsync_EntityPathInConnectionString_SendsToThatQueue()
    {
        var client = new ServiceBusSenderClient(ConnectionString + ";EntityPath=orders", "orders", Options());

        await client.SendAsync(BinaryData.FromString("{}"), "msg-1", cancellationToken: _ct);

        Assert.Equal("/orders/messages", _server.OnlyRequest.Target);
    }

    [Fact]
    public void Constructor_QueueOtherThanEntityPath_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new ServiceBusSenderClient(ConnectionString + ";EntityPath=orders", "invoices", Options()));

    [Fact]
    public async Task SendAsync_TokenCredential_SendsBearerTokenForServiceBusScope()
    {
        using var certificate = TestCertificate.Create();
        await using RecordingServer tls = await RecordingServer.StartAsync(201, certificate, _ct);
        var credential = new FakeTokenCredential("entra-token");
        var options = new ServiceBusClientOptions { Endpoint = tls.BaseAddress, Transport = TestCertificate.TrustingTransport(certificate) };
        var client = new ServiceBusSenderClient("ns.servicebus.windows.net", "orders", credential, options);

        await client.SendAsync(BinaryData.FromString("{}"), "msg-1", cancellationToken: _ct);

        RecordedRequest request = tls.OnlyRequest;
        Assert.Equal("Bearer entra-token", request.Header("Authorization"));
        Assert.Equal("/orders/messages", request.Target);
        Assert.Equal(["https://servicebus.azure.net/.default"], Assert.Single(credential.RequestedScopes));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(410)]
    [InlineData(200)]
    public async Task SendAsync_StatusOtherThan201_ThrowsRequestFailedException(int status)
    {
        _server.DefaultStatus = status;
        ServiceBusSenderClient client = CreateClient();

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.SendAsync(BinaryData.FromString("{}"), "msg-1", cancellationToken: _ct));

        Assert.Equal(status, error.Status);
    }

    [Fact]
    public async Task SendAsync_TransientFailure_IsRetriedByThePipeline()
    {
        _server.Respond(503);
        ServiceBusSenderClient client = CreateClient(options => options.Retry.Delay = TimeSpan.FromMilliseconds(1));

        await client.SendAsync(BinaryData.FromString("{}"), "msg-1", cancellationToken: _ct);

        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, request => Assert.Equal("""{"MessageId":"msg-1"}""", request.Header("BrokerProperties")));
    }

    [Fact]
    public async Task SendAsync_MessageIdLongerThan128_ThrowsWithoutSending()
    {
        ServiceBusSenderClient client = CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(
            () => client.SendAsync(BinaryData.FromString("{}"), new string('x', 129), cancellationToken: _ct));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_MessageIdOf128_IsSent()
    {
        ServiceBusSenderClient client = CreateClient();

        await client.SendAsync(BinaryData.FromString("{}"), new string('x', 128), cancellationToken: _ct);

        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_EmptyMessageId_ThrowsArgumentException()
    {
        ServiceBusSenderClient client = CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(BinaryData.FromString("{}"), "", cancellationToken: _ct));
    }

    [Fact]
    public void Constructor_NamespaceAsUri_UsesItsHost()
    {
        var client = new ServiceBusSenderClient("sb://ns.servicebus.windows.net/", "orders", new FakeTokenCredential("t"));

        Assert.Equal("ns.servicebus.windows.net", client.FullyQualifiedNamespace);
        Assert.Equal("orders", client.QueueName);
    }

    private ServiceBusSenderClient CreateClient(Action<ServiceBusClientOptions>? configure = null)
    {
        ServiceBusClientOptions options = Options();
        configure?.Invoke(options);
        return new ServiceBusSenderClient(ConnectionString, "orders", options);
    }

    private ServiceBusClientOptions Options() => new() { Endpoint = _server.BaseAddress, TimeProvider = _clock };
}
