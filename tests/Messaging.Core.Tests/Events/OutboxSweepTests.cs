using Messaging.Core.Diagnostics;
using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.Core.Tests.Events;

public sealed class OutboxSweepTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TestMeters _meters = new();
    private readonly InMemoryOutbox _outbox;
    private readonly OutboxPublisher _publisher;

    public OutboxSweepTests()
    {
        _outbox = new InMemoryOutbox(_clock);
        _publisher = new OutboxPublisher(_outbox);
    }

    public void Dispose() => _meters.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OutboxSweep Sweep() => new(_outbox, _publisher, _clock, new MessagingMetrics(_meters));

    private static MessageSent Event(string id) =>
        new(id, new Message("c1", 1, "alice", "hi", DateTimeOffset.UnixEpoch), ["alice", "bob"]);

    [Fact]
    public async Task RunAsync_PublishesEntriesOlderThanTheGraceAndLeavesRecentOnes()
    {
        MessageSent old = Event("old");
        MessageSent recent = Event("recent");
        _outbox.Write(old);
        _clock.Advance(TimeSpan.FromMinutes(2));
        _outbox.Write(recent);
        _clock.Advance(TimeSpan.FromSeconds(30));

        int swept = await Sweep().RunAsync(Grace, Ct);

        Assert.Equal(1, swept);
        Assert.Equal([old], _publisher.Delivered);
        Assert.Equal([recent], _outbox.Pending);
        Assert.Equal(_clock.GetUtcNow() - Grace, Assert.Single(_outbox.Cutoffs));
    }

    [Fact]
    public async Task RunAsync_PublishesEveryStaleEntry()
    {
        MessagingEvent[] stale = [Event("a"), Event("b"), Event("c")];
        foreach (MessagingEvent evt in stale)
        {
            _outbox.Write(evt);
        }
        _clock.Advance(Grace + TimeSpan.FromSeconds(1));

        int swept = await Sweep().RunAsync(Grace, Ct);

        Assert.Equal(3, swept);
        Assert.Equal(stale, _publisher.Delivered);
        Assert.Empty(_outbox.Pending);
        Assert.Equal(3, _meters.Total("messaging.outbox.swept"));
    }

    [Fact]
    public async Task RunAsync_NothingStale_PublishesNothingAndCountsNothing()
    {
        _outbox.Write(Event("recent"));
        _clock.Advance(Grace - TimeSpan.FromSeconds(1));

        int swept = await Sweep().RunAsync(Grace, Ct);

        Assert.Equal(0, swept);
        Assert.Empty(_publisher.Delivered);
        Assert.Single(_outbox.Pending);
        Assert.Equal(0, _meters.Total("messaging.outbox.swept"));
    }

    [Fact]
    public async Task RunAsync_DeliveryFailsQuietly_EntryStaysForTheNextSweep()
    {
        MessageSent failing = Event("failing");
        _outbox.Write(failing);
        _outbox.Write(Event("fine"));
        _clock.Advance(Grace * 2);
        _publisher.Fails = evt => evt.EventId == "failing";

        int first = await Sweep().RunAsync(Grace, Ct);
        _publisher.Fails = _ => false;
        int second = await Sweep().RunAsync(Grace, Ct);

        Assert.Equal(2, first); // counts events handed to the publisher, delivered or not
        Assert.Equal(1, second);
        Assert.Equal(["fine", "failing"], _publisher.Delivered.Select(e => e.EventId));
        Assert.Empty(_outbox.Pending);
    }

    [Fact]
    public async Task RunAsync_PublishThrows_StopsAndKeepsTheUnpublishedEntries()
    {
        MessageSent first = Event("first");
        MessageSent failing = Event("failing");
        MessageSent last = Event("last");
        _outbox.Write(first);
        _outbox.Write(failing);
        _outbox.Write(last);
        _clock.Advance(Grace * 2);
        _publisher.Fails = evt => evt.EventId == "failing";
        _publisher.ThrowOnFailure = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sweep().RunAsync(Grace, Ct));

        Assert.Equal([first], _publisher.Delivered);
        Assert.Equal([failing, last], _outbox.Pending);
        Assert.Equal(0, _meters.Total("messaging.outbox.swept"));
    }
}
