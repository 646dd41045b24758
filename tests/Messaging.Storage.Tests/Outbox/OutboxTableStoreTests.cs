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

    private OutboxTableStore Store => new(_table);

    private static MessageSent Sent(string eventId, string content = "hello") =>
        new(eventId, new Message(Conversation, 1, "alice", content, T0), ["alice", "bob"]);

    [Fact]
    public async Task Complete_PendingRow_RemovesIt()
    {
        await _table.GetAsync(_ct);
        await _client.AddEntityAsync(OutboxEntity.Create(Sent("e1")), _ct);

        await Store.CompleteAsync(Sent("e1"), _ct);

        Assert.Empty(await Store.ListPendingAsync(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), _ct));
    }

    [Fact]
    public async Task Complete_RowAlreadyGone_Succeeds()
    {
        await _table.GetAsync(_ct);

        await Store.CompleteAsync(Sent("never-written"), _ct); // a replay, or another instance completed it
    }

    [Fact]
    public async Task Complete_TableDeletedUnderneath_ThrowsTableNotFoundInsteadOfPassingForDone()
    {
        await _table.GetAsync(_ct); // the table exists, so MessagingTable will not create it again
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
        Assert.Equal(large.Message, read.Message);
        Assert.Equal(large.Participants, read.Participants);
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
