using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Messaging.Core.Events;
using Messaging.Functions.AzureServices;
using Messaging.Functions.Events;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;

namespace Messaging.Functions.Tests.Events;

/// <summary>
/// With Service Bus configured, committed events go to the topic after the response, in the background, and leave the
/// outbox. The app runs for real over Azurite; only the <see cref="ServiceBusSender"/> is replaced, by a subclass on
/// the SDK's mocking constructor that records what would have gone on the wire, can hold sends up, or fails like an
/// unreachable namespace. (No AMQP listener: the SDK's wire format is its own business; these tests are about what
/// the app hands it and when.)
/// </summary>
public class ServiceBusPublishingTests(AzuriteFixture azurite)
{
    private const string Namespace = "messaging-test.servicebus.windows.net";
    private const string FakeConnection = $"Endpoint=sb://{Namespace}/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    private MessagingApp AppSendingTo(RecordingSender topic, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ServiceBus:ConnectionString"] = FakeConnection,
            ["ServiceBus:TopicName"] = "messaging-events-topic",
            ["Outbox:CleanupAfter"] = "00:00:00.200", // published events' rows wait this long for a batch to ride along with
        };
        foreach ((string key, string? value) in extra ?? [])
        {
            settings[key] = value;
        }
        return new MessagingApp(azurite, settings: settings, configureServices: services => services.AddSingleton<ServiceBusSender>(topic));
    }

    [Fact]
    public async Task Send_TopicAccepts_MessageIdIsTheEventIdSubjectItsTypeBodyIsTheEventAndOutboxEmptied()
    {
        var topic = new RecordingSender();
        await using MessagingApp app = AppSendingTo(topic);
        using ApiClient api = app.Api();

        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "queued")).GetProperty("_id").GetString()!;

        ServiceBusMessage[] sent = [.. topic.Sent];
        Assert.Equal(2, sent.Length);
        MessagingEvent[] events = [.. sent.Select(m => EventEnvelope.Read(m.Body.ToString()))];
        Assert.Equal(id, Assert.IsType<ConversationCreated>(events[0]).ConversationId);
        Assert.Equal(messageId, Assert.IsType<MessageSent>(events[1]).Message.Id);
        Assert.All(sent.Zip(events), pair => Assert.Equal(pair.Second.EventId, pair.First.MessageId));
        Assert.NotEqual(sent[0].MessageId, sent[1].MessageId);
        Assert.All(sent, m => Assert.Equal("application/json", m.ContentType));
        // The subject is the downstream type, for subscription filters.
        Assert.Equal(new[] { "conversationCreated", "messageSent" }, sent.Select(m => m.Subject));
        // The session is the conversation: the fanout subscription hands a conversation's events to fanout in order.
        Assert.All(sent, m => Assert.Equal(id, m.SessionId));
        Assert.Empty(await PendingAsync(app));
    }

    [Fact]
    public async Task Send_TopicHeldUp_AnswersAtOnceAndTheSendFollows()
    {
        var topic = new RecordingSender();
        await using MessagingApp app = AppSendingTo(topic);
        using ApiClient setup = app.Api();
        string id = await setup.CreateConversationAsync("alice", "bob");
        // A plain client: it does not wait for the send.
        using var api = new ApiClient(app.CreateClient());
        topic.Hold();

        Task<ApiResponse> send = api.PostAsync("sendMessage", new { conversationId = id, sender = "alice", content = "hi" });
        Task first = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Same(send, first); // answered while its send is held up
        (await send).AssertStatus(HttpStatusCode.OK);
        await Eventually.TrueAsync(() => Task.FromResult(topic.HeldSends == 1));
        Assert.IsType<ConversationCreated>(EventEnvelope.Read(Assert.Single(topic.Sent).Body.ToString()));
        Assert.IsType<MessageSent>(Assert.Single(await PendingAsync(app))); // not completed before the topic took it

        topic.Release();
        await app.SettledAsync();

        Assert.Equal(2, topic.Sent.Length);
        Assert.Empty(await PendingAsync(app));
    }

    [Fact]
    public async Task RacingSends_TwoConversations_EachReachesTheTopicInSequenceOrderAsItsSession()
    {
        var topic = new RecordingSender { Jitter = true }; // uneven send times would reorder any lane-less dispatch
        await using MessagingApp app = AppSendingTo(topic);
        using ApiClient api = app.Api();
        string[][] pairs = [["alice", "bob"], ["carol", "dave"]];
        string[] ids = [await api.CreateConversationAsync("alice", "bob"), await api.CreateConversationAsync("carol", "dave")];

        // Twenty racing sends into each conversation while the topic is held up, so they pile up in the lanes; a plain
        // client, as the settled one would wait for the topic.
        topic.Hold();
        using var racing = new ApiClient(app.CreateClient());
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => racing.SendAsync(ids[i % 2], pairs[i % 2][i / 2 % 2], $"m{i}")));
        topic.Release();
        await app.SettledAsync();

        ServiceBusMessage[] sent = [.. topic.Sent];
        for (int c = 0; c < 2; c++)
        {
            long[] seqs = [.. sent
                .Where(m => m.SessionId == ids[c])
                .Select(m => EventEnvelope.Read(m.Body.ToString()))
                .OfType<MessageSent>()
                .Select(e => e.Message.Seq)];
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), seqs);
        }
        Assert.All(sent, m => Assert.Equal(EventEnvelope.Read(m.Body.ToString()).ConversationId, m.SessionId));
        Assert.Empty(await PendingAsync(app));
    }

    [Fact]
    public async Task Burst_WhileASendIsHeld_TheWaitingEventsGoInOneBatchInOrder()
    {
        var topic = new RecordingSender();
        await using MessagingApp app = AppSendingTo(topic);
        using ApiClient setup = app.Api();
        string id = await setup.CreateConversationAsync("alice", "bob");
        using var api = new ApiClient(app.CreateClient());
        topic.Hold();

        await api.SendAsync(id, "alice", "m1");
        await Eventually.TrueAsync(() => Task.FromResult(topic.HeldSends == 1)); // m1's send has started
        for (int i = 2; i <= 5; i++)
        {
            await api.SendAsync(id, "alice", $"m{i}"); // one at a time: they queue behind m1 in its lane
        }
        topic.Release();
        await app.SettledAsync();

        Assert.Equal<int>([1, 1, 4], topic.BatchSizes); // the conversation, m1, then m2..m5 together
        Assert.Equal<long>([1, 2, 3, 4, 5], topic.Sent.Select(m => EventEnvelope.Read(m.Body.ToString())).OfType<MessageSent>().Select(e => e.Message.Seq));
        Assert.Empty(await PendingAsync(app));
    }

    [Fact]
    public async Task Send_TopicDown_RequestAnswersAndTheSweeperPublishesTheEventsLater()
    {
        var topic = new RecordingSender
        {
            FailWith = new ServiceBusException("The namespace is unreachable.", ServiceBusFailureReason.ServiceCommunicationProblem),
        };
        await using MessagingApp app = AppSendingTo(topic);
        using ApiClient api = app.Api();
        CancellationToken ct = TestContext.Current.CancellationToken;

        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "still answered"); // the client waits for the failed send too

        string[] failedIds = [.. topic.FailedAttempts];
        Assert.Equal(2, failedIds.Length);
        Assert.Empty(topic.Sent);
        Assert.Equal(failedIds.Order(StringComparer.Ordinal), (await PendingAsync(app)).Select(e => e.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(2, await OutboxCountAsync(app));

        // The namespace is back. The sweeper takes only rows written before "now - age": wait until both qualify.
        topic.FailWith = null;
        IOutbox outbox = app.Services.GetRequiredService<IOutbox>();
        TimeProvider clock = app.Services.GetRequiredService<TimeProvider>();
        await Eventually.TrueAsync(async () => (await outbox.ListPendingAsync(clock.GetUtcNow(), ct)).Count == 2);
        int republished = await app.Services.GetRequiredService<OutboxSweep>().RunAsync(TimeSpan.Zero, ct);
        await app.SettledAsync(); // the sweep queues; the lanes send

        Assert.Equal(2, republished);
        // The same message ids as the failed attempts: had one of them reached the topic after all, duplicate
        // detection would drop the copy.
        Assert.Equal(failedIds.Order(StringComparer.Ordinal), topic.Sent.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.Empty(await PendingAsync(app));
    }

    [Fact]
    public async Task PublishedMessages_AsTheFanoutFunctionReceivesThem_UpdateTheRecipientsInbox()
    {
        var topic = new RecordingSender();
        await using MessagingApp app = AppSendingTo(topic, new() { ["Invocations:Enabled"] = "true" });
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "through the topic");
        // Published to the topic, so nothing was fanned out in-process: bob's inbox does not count the message yet.
        Assert.Equal(0, await UnreadAsync(api, "bob", id));

        foreach (ServiceBusMessage sent in topic.Sent)
        {
            ServiceBusReceivedMessage received = ServiceBusModelFactory.ServiceBusReceivedMessage(
                body: sent.Body, messageId: sent.MessageId, sessionId: sent.SessionId, contentType: sent.ContentType, deliveryCount: 1);
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
    public async Task Client_OnePerProcessFromTheConnectionString_SenderForTheTopic_ClosedAtShutdown()
    {
        ServiceBusClient client;
        ServiceBusSender sender;
        await using (var app = new MessagingApp(azurite, settings: new Dictionary<string, string?>
        {
            ["ServiceBus:ConnectionString"] = FakeConnection,
            ["ServiceBus:TopicName"] = "events-elsewhere",
        }))
        {
            client = app.Services.GetRequiredService<ServiceBusClient>();
            sender = app.Services.GetRequiredService<ServiceBusSender>();

            Assert.Same(client, app.Services.GetRequiredService<ServiceBusClient>());
            Assert.Same(sender, app.Services.GetRequiredService<ServiceBusSender>());
            Assert.Equal(Namespace, client.FullyQualifiedNamespace);
            Assert.Equal("events-elsewhere", sender.EntityPath);
            Assert.IsType<EventDispatcher>(app.Services.GetRequiredService<IEventPublisher>());
            Assert.IsType<ServiceBusEventDelivery>(app.Services.GetRequiredService<IEventDelivery>());
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
        Assert.IsType<ServiceBusEventDelivery>(app.Services.GetRequiredService<IEventDelivery>());
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

            await api.CreateConversationAsync("alice", "bob"); // the client waits for the background send to fail

            Assert.True(Volatile.Read(ref connections) > 0, "The client did not connect to ServiceBus:Endpoint.");
            Assert.Equal(1, await OutboxCountAsync(app));
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
    }

    /// <summary>The custom handler's invocation payload for the <c>fanout</c> trigger, as the Functions host builds it from a received message.</summary>
    internal static string Invocation(ServiceBusReceivedMessage received)
    {
        // The host passes a string-typed trigger's body as a JSON string holding the JSON of the string.
        string data = JsonSerializer.Serialize(JsonSerializer.Serialize(received.Body.ToString()));
        string metadata = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["MessageId"] = JsonSerializer.Serialize(received.MessageId),
            // A session-enabled trigger fills SessionId (and a SessionActions object); the app reads neither.
            ["SessionId"] = JsonSerializer.Serialize(received.SessionId),
            ["ContentType"] = JsonSerializer.Serialize(received.ContentType),
            ["DeliveryCount"] = received.DeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return "{\"Data\":{\"message\":" + data + "},\"Metadata\":" + metadata + "}";
    }

    /// <summary>Outbox entries not completed: what the sweeper would republish.</summary>
    private static async Task<IReadOnlyList<MessagingEvent>> PendingAsync(MessagingApp app) =>
        await app.Services.GetRequiredService<IOutbox>().ListPendingAsync(DateTimeOffset.MaxValue, TestContext.Current.CancellationToken);

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
    /// A <see cref="ServiceBusSender"/> built on the SDK's constructor for mocking: records the batches it is given,
    /// holds sends while <see cref="Hold"/> is on, or throws <see cref="FailWith"/> as the real sender does when the
    /// namespace cannot be reached.
    /// </summary>
    internal sealed class RecordingSender : ServiceBusSender
    {
        private readonly ConcurrentQueue<ServiceBusMessage> _sent = new();
        private readonly ConcurrentQueue<string> _failed = new();
        private readonly ConcurrentQueue<int> _batchSizes = new();
        private readonly ConditionalWeakTable<ServiceBusMessageBatch, List<ServiceBusMessage>> _batches = new();
        private readonly Lock _gate = new();
        private TaskCompletionSource _open = Opened();
        private int _held;

        public Exception? FailWith { get; set; }

        /// <summary>Each send takes a random few milliseconds.</summary>
        public bool Jitter { get; init; }

        public ServiceBusMessage[] Sent => [.. _sent];

        /// <summary>The message ids of the sends that failed.</summary>
        public string[] FailedAttempts => [.. _failed];

        /// <summary>How many messages each successful send carried, in order.</summary>
        public int[] BatchSizes => [.. _batchSizes];

        /// <summary>Sends waiting for <see cref="Release"/>.</summary>
        public int HeldSends => Volatile.Read(ref _held);

        public override string EntityPath => "messaging-events-topic";

        public override string FullyQualifiedNamespace => Namespace;

        public void Hold()
        {
            lock (_gate)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public void Release()
        {
            lock (_gate)
            {
                _open.TrySetResult();
            }
        }

        public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CreateMessageBatchOptions options, CancellationToken cancellationToken = default)
        {
            var messages = new List<ServiceBusMessage>();
            ServiceBusMessageBatch batch = ServiceBusModelFactory.ServiceBusMessageBatch(256 * 1024, messages, options);
            _batches.Add(batch, messages);
            return ValueTask.FromResult(batch);
        }

        public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default) =>
            CreateMessageBatchAsync(new CreateMessageBatchOptions(), cancellationToken);

        public override async Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
        {
            Assert.True(_batches.TryGetValue(messageBatch, out List<ServiceBusMessage>? messages), "The batch was not made by this sender.");
            Task open;
            lock (_gate)
            {
                open = _open.Task;
            }
            Interlocked.Increment(ref _held);
            try
            {
                await open.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
            if (Jitter)
            {
                await Task.Delay(Random.Shared.Next(0, 6), cancellationToken);
            }
            if (FailWith is { } failure)
            {
                foreach (ServiceBusMessage message in messages)
                {
                    _failed.Enqueue(message.MessageId);
                }
                throw failure;
            }
            _batchSizes.Enqueue(messages.Count);
            foreach (ServiceBusMessage message in messages)
            {
                _sent.Enqueue(message);
            }
        }

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
