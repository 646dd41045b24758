using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Messages;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Messages;

public class MessageQueriesTests
{
    private readonly InMemoryStores _stores = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MessageQueries Queries() => new(_stores);

    [Fact]
    public async Task InConversationAsync_Participant_GetsThatConversationsMessagesInOrder()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 3);
        _stores.Seed("alice", "carol", messages: 2);

        Result<MessagesSeen> result = await Queries().InConversationAsync(Caller.User("bob"), conversation.Id, Ct);

        Assert.Equal([1L, 2L, 3L], result.Value?.Messages.Select(m => m.Seq));
        Assert.All(result.Value!.Messages, m => Assert.Equal(conversation.Id, m.ConversationId));
    }

    [Fact]
    public async Task InConversationAsync_NotParticipant_Forbidden()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 1);

        Result<MessagesSeen> result = await Queries().InConversationAsync(Caller.User("carol"), conversation.Id, Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task InConversationAsync_AdminNotParticipant_GetsTheMessages()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 2);

        Result<MessagesSeen> result = await Queries().InConversationAsync(Caller.User("root", isAdmin: true), conversation.Id, Ct);

        Assert.Equal(2, result.Value?.Messages.Count);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0192f3b4c5d6e7f8091a2b3c4d5e6f70")]
    public async Task InConversationAsync_Unknown_NotFound(string conversationId)
    {
        _stores.Seed("alice", "bob", messages: 1);

        Result<MessagesSeen> result = await Queries().InConversationAsync(Caller.Unverified, conversationId, Ct);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }

    [Fact]
    public async Task DetailsAsync_Participant_GetsTheMessageTheIdNames()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 3);

        Result<MessagesSeen> result = await Queries().DetailsAsync(Caller.User("bob"), MessageId.Format(conversation.Id, 2), Ct);

        Assert.Equal(_stores.Messages.Single(m => m.ConversationId == conversation.Id && m.Seq == 2), Assert.Single(result.Value!.Messages));
    }

    [Fact]
    public async Task DetailsAsync_NotParticipant_Forbidden()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 1);

        Result<MessagesSeen> result = await Queries().DetailsAsync(Caller.User("carol"), MessageId.Format(conversation.Id, 1), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task DetailsAsync_SeqNotYetSent_NotFound()
    {
        Conversation conversation = _stores.Seed("alice", "bob", messages: 1);

        Result<MessagesSeen> result = await Queries().DetailsAsync(Caller.Unverified, MessageId.Format(conversation.Id, 2), Ct);

        Assert.Equal(new Error(ErrorKind.NotFound, "Message was not found."), result.Error);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("0192f3b4c5d6e7f8091a2b3c4d5e6f70-1")]
    public async Task DetailsAsync_MalformedIdOrUnknownConversation_NotFound(string messageId)
    {
        _stores.Seed("alice", "bob", messages: 1);

        Result<MessagesSeen> result = await Queries().DetailsAsync(Caller.Unverified, messageId, Ct);

        Assert.Equal(new Error(ErrorKind.NotFound, "Message was not found."), result.Error);
    }

    [Fact]
    public async Task AllAsync_Admin_ListsEveryMessage()
    {
        _stores.Seed("alice", "bob", messages: 2);
        _stores.Seed("carol", "dave", messages: 3);

        Result<IReadOnlyList<Message>> result = await Queries().AllAsync(Caller.User("root", isAdmin: true), Ct);

        Assert.Equal(_stores.Messages, result.Value);
        Assert.Equal(5, result.Value?.Count);
    }

    [Fact]
    public async Task AllAsync_NotAdmin_Forbidden()
    {
        _stores.Seed("alice", "bob", messages: 2);

        Result<IReadOnlyList<Message>> result = await Queries().AllAsync(Caller.User("alice"), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
    }
}
