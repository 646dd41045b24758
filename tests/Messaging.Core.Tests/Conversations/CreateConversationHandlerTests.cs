using Microsoft.Extensions.Time.Testing;
using Messaging.Core.Blocking;
using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Conversations;

public class CreateConversationHandlerTests
{
    private readonly InMemoryStores _stores = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private CreateConversationHandler Handler() => new(_stores, _stores, _stores, _clock, new DirectBlocks(new InMemoryBlockStore(_stores)));

    [Fact]
    public async Task HandleAsync_NewPair_StoresWritesTheInboxEntriesAndPublishes()
    {
        Result<ConversationCreated> result = await Handler().HandleAsync(Caller.Unverified, new CreateConversation("bob", "alice"), TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Conversation stored = Assert.Single(_stores.Conversations.Values);
        Assert.Equal(result.Value.ConversationId, stored.Id);
        Assert.Equal(["alice", "bob"], stored.Participants);
        Assert.Equal(result.Value, Assert.Single(_stores.InboxAdds)); // before the answer, so both see it listed at once
        Assert.Equal(result.Value, Assert.Single(_stores.Published));
    }

    [Fact]
    public async Task HandleAsync_InboxWriteFails_StillCreatedAndPublishedForTheFanOutToFinish()
    {
        _stores.FailInboxAdds = true;

        Result<ConversationCreated> result = await Handler().HandleAsync(Caller.Unverified, new CreateConversation("bob", "alice"), TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.Single(_stores.Conversations.Values);
        Assert.Empty(_stores.InboxAdds);
        Assert.Equal(result.Value, Assert.Single(_stores.Published));
    }

    [Fact]
    public async Task HandleAsync_SameUserTwice_InvalidAndNothingStored()
    {
        Result<ConversationCreated> result = await Handler().HandleAsync(Caller.Unverified, new CreateConversation("alice", "alice"), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.Empty(_stores.Conversations);
        Assert.Empty(_stores.Published);
    }

    [Theory]
    [InlineData("", "bob", "user1")]
    [InlineData("alice", "  ", "user2")]
    public async Task HandleAsync_BlankUser_InvalidNamingTheField(string user1, string user2, string field)
    {
        Result<ConversationCreated> result = await Handler().HandleAsync(Caller.Unverified, new CreateConversation(user1, user2), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
        Assert.StartsWith(field, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ExistingPair_ConflictAndNothingPublished()
    {
        await Handler().HandleAsync(Caller.Unverified, new CreateConversation("alice", "bob"), TestContext.Current.CancellationToken);
        _stores.Published.Clear();

        Result<ConversationCreated> result = await Handler().HandleAsync(Caller.Unverified, new CreateConversation("bob", "alice"), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Single(_stores.Conversations);
        Assert.Empty(_stores.Published);
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerNotInPair_ForbiddenAndNothingStored()
    {
        Result<ConversationCreated> result = await Handler().HandleAsync(Caller.User("mallory"), new CreateConversation("alice", "bob"), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(_stores.Conversations);
    }

    [Fact]
    public async Task HandleAsync_VerifiedCallerInPair_CreatedByCaller()
    {
        Result<ConversationCreated> result = await Handler().HandleAsync(Caller.User("bob"), new CreateConversation("alice", "bob"), TestContext.Current.CancellationToken);

        Assert.Equal("bob", result.Value?.CreatedBy);
    }
}
