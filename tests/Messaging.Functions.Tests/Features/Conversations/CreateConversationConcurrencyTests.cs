using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Conversations;

/// <summary>Racing createConversation requests leave exactly one conversation per pair.</summary>
public class CreateConversationConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateConversation_TenRacingForOnePairInMixedOrders_ExactlyOneSucceeds()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();

        ApiResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            api.PostAsync("createConversation", i % 2 == 0 ? new { user1 = "alice", user2 = "bob" } : new { user1 = "bob", user2 = "alice" })));

        ApiResponse winner = Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        string id = winner.Json.GetProperty("conversationId").GetString()!;
        Assert.All(responses.Where(r => r != winner), r => Assert.Contains(id, r.AssertError(HttpStatusCode.Conflict), StringComparison.Ordinal));
        ApiResponse all = await api.PostAsync("_getAllConversations");
        Assert.Equal(id, Assert.Single(all.Json.EnumerateArray()).GetProperty("_id").GetString());
        foreach (string user in new[] { "alice", "bob" })
        {
            ApiResponse mine = await api.PostAsync("_getConversationsForUser", new { user });
            Assert.Equal(id, Assert.Single(mine.Json.EnumerateArray()).GetProperty("_id").GetString());
        }
    }

    [Fact]
    public async Task CreateConversation_TwoServersRacingForOnePair_ExactlyOneSucceeds()
    {
        await using var first = new MessagingApp(azurite);
        await using var second = new MessagingApp(azurite, first.TableName);
        using ApiClient a = first.Api();
        using ApiClient b = second.Api();

        ApiResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? a : b).PostAsync("createConversation", i % 3 == 0 ? new { user1 = "alice", user2 = "bob" } : new { user1 = "bob", user2 = "alice" })));

        Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.OK), r => r.AssertError(HttpStatusCode.Conflict));
        Assert.Single((await a.PostAsync("_getAllConversations")).Json.EnumerateArray());
    }
}
