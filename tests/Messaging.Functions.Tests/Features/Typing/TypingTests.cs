using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Features.Typing;

/// <summary>The typing action over HTTP against a real Azurite.</summary>
public class TypingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Typing_Participant_EmptyObject()
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");

        ApiResponse typing = await api.PostAsync("typing", new { conversationId = id, user = "bob", isTyping = true });

        typing.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("{}", typing.Text);
    }

    [Theory]
    [InlineData("typing", "{\"conversationId\":\"{conv}\",\"user\":\"bob\"}", 400)]
    [InlineData("typing", "{\"conversationId\":\"{conv}\",\"user\":\"bob\",\"isTyping\":\"yes\"}", 400)]
    [InlineData("typing", "{\"conversationId\":\"{conv}\",\"user\":\"mallory\",\"isTyping\":true}", 403)]
    public async Task BadRequest_ClientErrorAndNothingChanges(string action, string body, int expected)
    {
        await using var app = new MessagingApp(azurite);
        using ApiClient api = app.Api();
        string id = await api.CreateConversationAsync("alice", "bob");
        await api.SendAsync(id, "alice", "hi");
        string before = (await api.PostAsync("_getReadReceipts", new { conversationId = id })).Text;

        ApiResponse response = await api.PostRawAsync(action, body.Replace("{conv}", id, StringComparison.Ordinal));

        response.AssertError((HttpStatusCode)expected);
        Assert.Equal(before, (await api.PostAsync("_getReadReceipts", new { conversationId = id })).Text);
    }
}
