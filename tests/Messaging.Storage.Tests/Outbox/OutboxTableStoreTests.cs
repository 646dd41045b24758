using Azure;
using Azure.Data.Tables;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Storage.Outbox;
using Messaging.Testing;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using Messaging.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Storage.Tests.Outbox;

/// <summary>Completing an outbox row on Azure.Data.Tables, whose DeleteEntityAsync answers every 404 without throwing.</summary>
public sealed class OutboxTableStoreTests : IDisposable
{
    private const string Conversation = "0192f3b4c5d6e7f8091a2b3c4d5e6f70";
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TableClient _client;
    private readonly MessagingTable _table;

    public OutboxTableStoreTests(AzuriteFixture azurite)
    {
        _client = new TableClient(azurite.ConnectionString, azurite.NewTableName());
        _table = new MessagingTable(_client, TestMetrics.Storage());
    }

    private readonly OutboxCleanup _cleanup = new(TimeProvider.System);

    private OutboxTableStore Store => new(_table, _cleanup);

    private static readonly DateTimeOffset Future = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MessageSent Sent(string eventId, string content = "hello") =>
        new(eventId, new Message(Conversation, 1, "alice", content, T0), ["alice", "bob"]);

    [Fact]
    public async Task Complete_PendingRow_WaitsThenDeletedWithItsPartition()
    {
        await _table.GetAsync(_ct);
        foreach (string id in new[] { "e1", "e2", "e3" })
        {
            await _client.AddEntityAsync(OutboxEntity.Create(Sent(id)), _ct);
        }

        await Store.CompleteAsync(Sent("e1"), _ct);
        await Store.CompleteAsync(Sent("e2"), _ct);
        int stored = await RowsAsync();
        int deleted = await Store.DeleteWaitingAsync(TimeSpan.Zero, _ct);

        Assert.Equal(3, stored); // completing costs no round trip: the rows wait for a batch to ride along with
        Assert.Equal(2, deleted);
        Assert.Equal(1, await RowsAsync());
        Assert.Equal(0, _cleanup.Count);
    }

    [Fact]
    public async Task ListPending_RowsCompletedHere_NotListedButDeleted()
    {
        await _table.GetAsync(_ct);
        await _client.AddEntityAsync(OutboxEntity.Create(Sent("e1")), _ct);
        await _client.AddEntityAsync(OutboxEntity.Create(Sent("e2")), _ct);
        await Store.CompleteAsync(Sent("e1"), _ct);

        IReadOnlyList<MessagingEvent> pending = await Store.ListPendingAsync(Future, _ct);

        Assert.Equal("e2", Assert.Single(pending).EventId);
        Assert.Equal(1, await RowsAsync());
    }

    [Fact]
    public async Task DeleteWaiting_SomeRowsAlreadyGone_DeletesTheRest()
    {
        await _table.GetAsync(_ct);
        await _client.AddEntityAsync(OutboxEntity.Create(Sent("e2")), _ct);

        await Store.CompleteAsync(Sent("never-written"), _ct); // a replay, or another instance completed it
        await Store.CompleteAsync(Sent("e2"), _ct);
        int deleted = await Store.DeleteWaitingAsync(TimeSpan.Zero, _ct);

        Assert.Equal(1, deleted);
        Assert.Empty(await Store.ListPendingAsync(Future, _ct));
    }

    [Fact]
    public async Task DeleteWaiting_YoungerThanTheAge_LeftWaiting()
    {
        await _table.GetAsync(_ct);
        await _client.AddEntityAsync(OutboxEntity.Create(Sent("e1")), _ct);
        await Store.CompleteAsync(Sent("e1"), _ct);

        Assert.Equal(0, await Store.DeleteWaitingAsync(TimeSpan.FromMinutes(1), _ct));
        Assert.Equal(1, _cleanup.Count);
    }

    [Fact]
    public async Task DeleteWaiting_TableDeletedUnderneath_ThrowsAndKeepsTheRows()
    {
        await _table.GetAsync(_ct); // the table exists, so MessagingTable will not create it again
        await Store.CompleteAsync(Sent("e1"), _ct);
        await _client.DeleteAsync(_ct);

        RequestFailedException error = await Assert.ThrowsAnyAsync<RequestFailedException>(() => Store.DeleteWaitingAsync(TimeSpan.Zero, _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal(1, _cleanup.Count);
    }

    [Fact]
    public async Task Complete_QueueFull_DeletesAtOnce_AndTableDeletedUnderneathThrowsInsteadOfPassingForDone()
    {
        await _table.GetAsync(_ct); // the table exists, so MessagingTable will not create it again
        for (int i = 0; i < OutboxCleanup.Capacity; i++)
        {
            Assert.True(_cleanup.TryAdd("elsewhere", $"row{i}"));
        }
        await _client.DeleteAsync(_ct);

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(() => Store.CompleteAsync(Sent("e1"), _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task ListPending_LargeEventSplitOverProperties_RoundTripsAndFiltersOnTimestamp()
    {
        await _table.GetAsync(_ct);
        MessageSent large = Sent("big", new string('x', 16_000) + "\u00e9\ud83c\udf89" + new string('"', 40_000));
        await _client.AddEntityAsync(OutboxEntity.Create(large), _ct);

        IReadOnlyList<MessagingEvent> pending = await Store.ListPendingAsync(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), _ct);
        IReadOnlyList<MessagingEvent> older = await Store.ListPendingAsync(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(5)), _ct);

        MessageSent read = Assert.IsType<MessageSent>(Assert.Single(pending));
        Assert.Equal(EventJson.Serialize(large), EventJson.Serialize(read)); // records compare their lists by reference: compare the JSON
        Assert.Equal(large.Message.Content, read.Message.Content);
        Assert.Empty(older);
    }

    [Fact]
    public async Task Sweep_MinimumAge_ComparesTheStorageTimestampWithTheClock()
    {
        await _table.GetAsync(_ct);
        await _client.AddEntityAsync(OutboxEntity.Create(Sent("e1")), _ct);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow()); // after the row's Timestamp
        var published = new RecordingPublisher();
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var sweep = new OutboxSweep(Store, published, clock, new MessagingMetrics(services.GetRequiredService<IMeterFactory>()));

        int young = await sweep.RunAsync(TimeSpan.FromMinutes(1), _ct);
        clock.Advance(TimeSpan.FromMinutes(2));
        int old = await sweep.RunAsync(TimeSpan.FromMinutes(1), _ct);

        Assert.Equal(0, young);
        Assert.Equal(1, old);
        Assert.Equal("e1", Assert.Single(published.Events).EventId);
    }

    private async Task<int> RowsAsync()
    {
        int count = 0;
        await foreach (TableEntity _ in _client.QueryAsync<TableEntity>(cancellationToken: _ct))
        {
            count++;
        }
        return count;
    }

    public void Dispose() => _table.Dispose();

    private sealed class RecordingPublisher : IEventPublisher
    {
        public List<MessagingEvent> Events { get; } = [];

        public Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
        {
            Events.Add(committed);
            return Task.CompletedTask;
        }
    }
}
