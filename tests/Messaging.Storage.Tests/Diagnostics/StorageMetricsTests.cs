using System.Diagnostics.Metrics;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Messaging.Storage.Tests.Diagnostics;

/// <summary>The storage metrics count what Azurite is really asked, through the stores as the app registers them.</summary>
public class StorageMetricsTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_CountEveryRequestAndEveryEntityRead()
    {
        await using ServiceProvider provider = new ServiceCollection()
            .AddMetrics()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["TableStorage:ConnectionString"] = azurite.ConnectionString,
                ["TableStorage:TableName"] = azurite.NewTableName(),
            }).Build())
            .AddMessagingStorage()
            .BuildServiceProvider();
        IMeterFactory meters = provider.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, "Messaging", "messaging.storage.requests");
        using var read = new MetricCollector<long>(meters, "Messaging", "messaging.storage.entities.read");
        var conversations = provider.GetRequiredService<IConversationStore>();
        var messages = provider.GetRequiredService<IMessageStore>();
        await provider.GetRequiredService<MessagingTable>().GetAsync(_ct); // creates the table
        Assert.Equal(1, Total(requests));
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        foreach ((string a, string b) in new[] { ("alice", "bob"), ("alice", "carol") })
        {
            string id = ConversationId.New(now);
            Assert.True((await conversations.CreateDirectAsync(Conversation.StartDirect(id, a, b, a, now), id + "-created", _ct)).IsSuccess);
        }
        requests.Clear();
        read.Clear();

        IReadOnlyList<Conversation> all = await conversations.ListAllAsync(_ct);
        Assert.Equal((1, 2), (Total(requests), Total(read)));
        Assert.NotNull(await conversations.FindAsync(all[0].Id, _ct));
        Assert.Equal((2, 3), (Total(requests), Total(read)));
        Assert.Empty((await messages.ListAsync(all[0].Id, _ct))!.Messages); // the header and the two member rows
        Assert.Equal((3, 6), (Total(requests), Total(read)));
        Assert.Null(await messages.ListAsync(ConversationId.New(now), _ct));
        Assert.Equal((4, 6), (Total(requests), Total(read)));
    }

    private static long Total(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);
}
