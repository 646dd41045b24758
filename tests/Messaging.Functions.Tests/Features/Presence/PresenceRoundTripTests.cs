using Messaging.Core.Presence;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Presence;

/// <summary>The Table Storage round trips of presence, as the README states them.</summary>
public class PresenceRoundTripTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Presence_RoundTrips_AsDocumented()
    {
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        Task<int> Count(Func<Task> call) => counting.CountAsync(call);
        PresenceTracker tracker = counting.App.Services.GetRequiredService<PresenceTracker>();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await api.CreateConversationAsync("alice", "bob");

        // Record and connections in one query, the batch, and the user's inbox and blocks (two queries) for whom to tell.
        Assert.Equal(4, await Count(() => tracker.ConnectAsync("alice", "c1", ct)));
        // A second connection publishes nothing.
        Assert.Equal(2, await Count(() => tracker.ConnectAsync("alice", "c2", ct)));
        Assert.Equal(4, await Count(() => api.PostAsync("setPresence", new { user = "alice", status = "away" })));
        Assert.Equal(1, await Count(() => api.PostAsync("setPresence", new { user = "alice", status = "away" })));
        // The viewer's inbox and blocks, then one query per visible user (the stranger costs nothing).
        Assert.Equal(4, await Count(() => api.PostAsync("_getPresence", new { user = "bob", users = new[] { "alice", "bob", "mallory" } })));
        Assert.Equal(1, await Count(() => tracker.RenewAsync("alice", "c1", ct)));
        Assert.Equal(2, await Count(() => tracker.DisconnectAsync("alice", "c1", ct)));
        Assert.Equal(4, await Count(() => tracker.DisconnectAsync("alice", "c2", ct)));
    }
}
