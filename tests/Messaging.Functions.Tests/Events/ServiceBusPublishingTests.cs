using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Messaging.Core.Events;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Messaging.Testing.Http;

namespace Messaging.Functions.Tests.Events;

/// <summary>With Service Bus configured, committed events go to the queue (a recording listener here) and leave the outbox.</summary>
public class ServiceBusPublishingTests(AzuriteFixture azurite)
{
    private const string FakeConnection = "Endpoint=sb://messaging-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM=";

    private MessagingApp AppSendingTo(RecordingServer queue) => new(azurite, settings: new Dictionary<string, string?>
    {
        ["ServiceBus:ConnectionString"] = FakeConnection,
        ["ServiceBus:QueueName"] = "messaging-events",
        ["ServiceBus:Endpoint"] = queue.BaseAddress.ToString(),
    });

    [Fact]
    public async Task Send_QueueAccepts_EventPostedWithItsIdAndOutboxEmptied()
    {
        await using RecordingServer queue = await RecordingServer.StartAsync(201, cancellationToken: TestContext.Current.CancellationToken);
        await using MessagingApp app = AppSendingTo(queue);
        using ApiClient api = app.Api();

        string id = await api.CreateConversationAsync("alice", "bob");
        string messageId = (await api.SendAsync(id, "alice", "queued")).GetProperty("_id").GetString()!;

        RecordedRequest[] posts = [.. queue.Requests];
        Assert.Equal(2, posts.Length);
        Assert.All(posts, p => Assert.Equal("POST", p.Method));
        Assert.All(posts, p => Assert.EndsWith("/messaging-events/messages", p.Target.Split('?')[0], StringComparison.Ordinal));
        MessagingEvent sent = EventJson.Deserialize(Encoding.UTF8.GetString(posts[1].Body));
        Assert.Equal(messageId, Assert.IsType<MessageSent>(sent).Message.Id);
        using JsonDocument broker = JsonDocument.Parse(posts[1].Header("BrokerProperties")!);
        Assert.Equal(sent.EventId, broker.RootElement.GetProperty("MessageId").GetString());
        Assert.StartsWith("SharedAccessSignature ", posts[1].Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(0, await OutboxCountAsync(app));
    }

    [Fact]
    public async Task Send_QueueDown_EventStaysInOutboxUntilTheSweeperPublishesIt()
    {
        await using RecordingServer queue = await RecordingServer.StartAsync(500, cancellationToken: TestContext.Current.CancellationToken);
        await using MessagingApp app = AppSendingTo(queue);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "still answered");
        Assert.Equal(2, await OutboxCountAsync(app));

        queue.DefaultStatus = 201;
        int before = queue.Requests.Count;
        await Task.Delay(50, TestContext.Current.CancellationToken);
        int republished = await app.Services.GetRequiredService<OutboxSweep>().RunAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Equal(2, republished);
        Assert.Equal(2, queue.Requests.Count - before);
        Assert.Equal(0, await OutboxCountAsync(app));
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
}
