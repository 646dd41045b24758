using Messaging.Core.Events;
using Messaging.Core.Messages;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Settings;

/// <summary>What settings cost in Table Storage round trips, and that the conversation list stays one query.</summary>
public class SettingsRoundTripTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Settings_RoundTrips_ListStaysOneQuery_FanOutSkipsTheStaleETag()
    {
        // No publisher work in the background, so every counted request belongs to the call under test.
        await using CountingApp counting = await CountingApp.StartAsync(azurite);
        ApiClient api = counting.Api;
        Task<int> Count(Func<Task> call) => counting.CountAsync(call);
        DroppingPublisher dropped = counting.Dropped;

        string id = await api.CreateConversationAsync("alice", "bob");
        string other = await api.CreateConversationAsync("alice", "carol");
        await api.CreateConversationAsync("alice", "dave");

        // The header (participant check), the merge, and the settings read back.
        Assert.Equal(3, await Count(() => api.PostAsync("updateConversationSettings", new { conversationId = other, user = "alice", pinned = true, ringtone = "bell" })));
        Assert.Equal(3, await Count(() => api.PostAsync("updateConversationSettings", new { conversationId = id, user = "bob", archived = true })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getConversationsForUser", new { user = "alice" })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getConversationsForUser", new { user = "alice", archived = false, limit = 1, after = other })));
        Assert.Equal(1, await Count(() => api.PostAsync("_getUnreadCounts", new { user = "alice" })));

        // A message's fan-out: alice's entry is remembered from its creation (one write); bob's was forgotten when his
        // settings changed its ETag, so it is read and written (two), rather than a write refused with 412 first (three);
        // then the search index's one batch.
        await api.SendAsync(id, "alice", "hi");
        MessageSent sent = Assert.IsType<MessageSent>(dropped.Dropped[^1]);
        FanOutHandler fanOut = counting.App.Services.GetRequiredService<FanOutHandler>();
        Assert.Equal(4, await Count(() => fanOut.HandleAsync(sent, TestContext.Current.CancellationToken)));
    }
}
