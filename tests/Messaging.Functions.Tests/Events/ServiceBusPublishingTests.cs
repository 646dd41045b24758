using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Messaging.Core.Events;
using Messaging.Functions.AzureServices;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;

namespace Messaging.Functions.Tests.Events;

/// <summary>
/// With Service Bus configured, committed events go to the queue and leave the outbox. The app runs for real over
/// Azurite; only the <see cref="ServiceBusSender"/> is replaced, by a subclass on the SDK's mocking constructor that
/// records what would have gone on the wire (or fails like an unreachable namespace).
/// </summary>
public class ServiceBusPublishingTests(AzuriteFixture azurite)
{
    private const string Namespace = "messaging-test.servicebus.windows.net";
    private const string FakeConnection = $"Endpoint=sb://{Namespace}/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    private MessagingApp AppSendingTo(RecordingSender queue, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ServiceBus:ConnectionString"] = FakeConnection,
            ["ServiceBus:QueueName"] = "messaging-events",
            ["Outbox:CleanupAfter"] = "00:00:00.200", // published events' rows wait this long for a batch to ride along with
        };
        foreach ((string key, string? value) in extra ?? [])
        {
            settings[key] = value;
        }
        return new MessagingApp(azurite, settings: settings, configureServices: services => services.AddSingleton<ServiceBusSender>(queue));
    }

    [Fact]
    public async Task Send_QueueAccepts_MessageIdIsTheEventIdBodyIsTheEventAndOutboxEmptied()
    {
        var queue = new RecordingSender();
        await using MessagingApp app = AppSendingTo(queue);
        using ApiClient api = app.Api();

        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "queued")).GetProperty("_id").GetString()!;

        ServiceBusMessage[] sent = [.. queue.Sent];
        Assert.Equal(2, sent.Length);
        MessagingEvent[] events = [.. sent.Select(m => EventJson.Deserialize(m.Body.ToString()))];
        Assert.Equal(id, Assert.IsType<ConversationCreated>(events[0]).ConversationId);
        Assert.Equal(messageId, Assert.IsType<MessageSent>(events[1]).Message.Id);
        Assert.All(sent.Zip(events), pair => Assert.Equal(pair.Second.EventId, pair.First.MessageId));
        Assert.NotEqual(sent[0].MessageId, sent[1].MessageId);
        Assert.All(sent, m => Assert.Equal("application/json", m.ContentType));
        await Eventually.TrueAsync(async () => await OutboxCountAsync(app) == 0);
    }

    [Fact]
    public async Task Send_QueueDown_RequestAnswersAndTheSweeperPublishesTheEventsLater()
    {
        var queue = new RecordingSender
        {
            FailWith = new ServiceBusException("The namespace is unreachable.", ServiceBusFailureReason.ServiceCommunicationProblem),
        };
        await using MessagingApp app = AppSendingTo(queue);
        using ApiClient api = app.Api();
        CancellationToken ct = TestContext.Current.CancellationToken;

        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "still answered");

        string[] failedIds = [.. queue.FailedAttempts];
        Assert.Equal(2, failedIds.Length);
        Assert.Empty(queue.Sent);
        Assert.Equal(2, await OutboxCountAsync(app));

        // The namespace is back. The sweeper takes only rows written before "now - age": wait until both qualify.
        queue.FailWith = null;
        IOutbox outbox = app.Services.GetRequiredService<IOutbox>();
        TimeProvider clock = app.Services.GetRequiredService<TimeProvider>();
        await Eventually.TrueAsync(async () => (await outbox.ListPendingAsync(clock.GetUtcNow(), ct)).Count == 2);
        int republished = await app.Services.GetRequiredService<OutboxSweep>().RunAsync(TimeSpan.Zero, ct);

        Assert.Equal(2, republished);
        // The same message ids as the failed attempts: had one of them reached the queue after all, duplicate
        // detection would drop the copy.
        Assert.Equal(failedIds.Order(StringComparer.Ordinal), queue.Sent.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        await Eventually.TrueAsync(async () => await OutboxCountAsync(app) == 0);
    }

    [Fact]
    public async Task QueuedMessages_AsTheFanoutFunctionReceivesThem_UpdateTheRecipientsInbox()
    {
        var queue = new RecordingSender();
        await using MessagingApp app = AppSendingTo(queue, new() { ["Invocations:Enabled"] = "true" });
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "through the queue");
        // Published to the queue, so nothing was fanned out in-process: bob's inbox does not count the message yet.
        Assert.Equal(0, await UnreadAsync(api, "bob", id));

        foreach (ServiceBusMessage sent in queue.Sent)
        {
            ServiceBusReceivedMessage received = ServiceBusModelFactory.ServiceBusReceivedMessage(
                body: sent.Body, messageId: sent.MessageId, contentType: sent.ContentType, deliveryCount: 1);
            HttpResponseMessage response = await api.Http.PostAsync(
                "/fanout", new StringContent(Invocation(received), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, await UnreadAsync(api, "bob", id));
    }

    private static async Task<long> UnreadAsync(ApiClient api, string user, string conversationId) =>
        (await api.PostAsync("_getUnreadCounts", new { user })).Json.EnumerateArray()
            .Where(c => c.GetProperty("conversationId").GetString() == conversationId)
            .Sum(c => c.GetProperty("unreadCount").GetInt64());

    [Fact]
    public async Task Client_OnePerProcessFromTheConnectionString_SenderForTheQueue_ClosedAtShutdown()
    {
        ServiceBusClient client;
        ServiceBusSender sender;
        await using (var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["ServiceBus:ConnectionString"] = FakeConnection,
            ["ServiceBus:QueueName"] = "events-elsewhere",
        }))
        {
            client = app.Services.GetRequiredService<ServiceBusClient>();
            sender = app.Services.GetRequiredService<ServiceBusSender>();

            Assert.Same(client, app.Services.GetRequiredService<ServiceBusClient>());
            Assert.Same(sender, app.Services.GetRequiredService<ServiceBusSender>());
            Assert.Equal(Namespace, client.FullyQualifiedNamespace);
            Assert.Equal("events-elsewhere", sender.EntityPath);
            Assert.IsType<ServiceBusEventPublisher>(app.Services.GetRequiredService<IEventPublisher>());
            Assert.False(client.IsClosed);
        }

        Assert.True(sender.IsClosed);
        Assert.True(client.IsClosed);
    }

    [Theory]
    [InlineData(Namespace)]
    [InlineData($"sb://{Namespace}/")]
    [InlineData($"https://{Namespace}:443/")]
    public async Task Client_FromTheNamespace_ReachesThatHost(string configured)
    {
        await using var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["ServiceBus:FullyQualifiedNamespace"] = configured,
            ["ServiceBus:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(Namespace, app.Services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        Assert.IsType<ServiceBusEventPublisher>(app.Services.GetRequiredService<IEventPublisher>());
    }

    [Fact]
    public async Task Endpoint_ConnectionGoesThereInsteadOfTheNamespace_FailureLeavesTheOutboxRow()
    {
        // A listener that accepts and hangs up: enough to see where the real SDK connects, and that it fails.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        int connections = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using TcpClient connection = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
            }
        }, stop.Token);

        await using (var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["ServiceBus:ConnectionString"] = FakeConnection,
            ["ServiceBus:Endpoint"] = $"sb://127.0.0.1:{port}",
        }))
        {
            using ApiClient api = app.Api();

            await api.CreateConversationAsync("alice", "bob");

            Assert.True(Volatile.Read(ref connections) > 0, "The client did not connect to ServiceBus:Endpoint.");
            Assert.Equal(1, await OutboxCountAsync(app));
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
    }

    /// <summary>The custom handler's invocation payload for the <c>fanout</c> trigger, as the Functions host builds it from a received message.</summary>
    private static string Invocation(ServiceBusReceivedMessage received)
    {
        // The host passes a string-typed trigger's body as a JSON string holding the JSON of the string.
        string data = JsonSerializer.Serialize(JsonSerializer.Serialize(received.Body.ToString()));
        string metadata = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["MessageId"] = JsonSerializer.Serialize(received.MessageId),
            ["ContentType"] = JsonSerializer.Serialize(received.ContentType),
            ["DeliveryCount"] = received.DeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return "{\"Data\":{\"message\":" + data + "},\"Metadata\":" + metadata + "}";
    }

    private async Task<int> OutboxCountAsync(MessagingApp app)
    {
        var client = new TableClient(azurite.ConnectionString, app.TableName);
        int count = 0;
        await foreach (TableEntity _ in client.QueryAsync<TableEntity>("RowKey ge 'out_' and RowKey lt 'out`'", cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }
        return count;
    }

    /// <summary>
    /// A <see cref="ServiceBusSender"/> built on the SDK's constructor for mocking: records the messages it is given,
    /// or throws <see cref="FailWith"/> as the real sender does when the namespace cannot be reached.
    /// </summary>
    private sealed class RecordingSender : ServiceBusSender
    {
        private readonly ConcurrentQueue<ServiceBusMessage> _sent = new();
        private readonly ConcurrentQueue<string> _failed = new();

        public Exception? FailWith { get; set; }

        public IReadOnlyCollection<ServiceBusMessage> Sent => _sent;

        /// <summary>The message ids of the sends that failed.</summary>
        public IReadOnlyCollection<string> FailedAttempts => _failed;

        public override string EntityPath => "messaging-events";

        public override string FullyQualifiedNamespace => Namespace;

        public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FailWith is { } failure)
            {
                _failed.Enqueue(message.MessageId);
                return Task.FromException(failure);
            }
            _sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
