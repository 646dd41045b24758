using Microsoft.Extensions.Time.Testing;
using Messaging.Core.Blocking;
using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Blocking;

public class BlockingTests
{
    private readonly InMemoryStores _stores = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateConversation_BlockMadeBetweenCheckAndCommit_NewConversationIsMarked()
    {
        var blocks = new InMemoryBlockStore(_stores);
        // alice blocks bob after the handler's check, before the commit: her block finds no conversation to mark.
        var racing = new BeforeCreate(_stores, () => new BlockUserHandler(blocks, _clock)
            .BlockAsync(Caller.Unverified, new BlockUser("alice", "bob", null), Ct).GetAwaiter().GetResult());
        var handler = new CreateConversationHandler(racing, _stores, _stores, _clock, new DirectBlocks(blocks));

        Result<ConversationCreated> created = await handler.HandleAsync(Caller.Unverified, new CreateConversation("bob", "alice"), Ct);

        Assert.True(created.IsSuccess); // it committed first, so it stands; but sends are refused from now on
        Conversation stored = Assert.Single(_stores.Conversations.Values);
        Assert.Equal(["alice"], stored.BlockedBy);
        Assert.True(stored.IsBlocked);
    }

    [Fact]
    public async Task Unblock_ClearsOnlyTheUnblockersSide()
    {
        Conversation conversation = _stores.Seed("alice", "bob");
        var handler = new BlockUserHandler(new InMemoryBlockStore(_stores), _clock);
        await handler.BlockAsync(Caller.Unverified, new BlockUser("bob", "alice", "x"), Ct);
        await handler.BlockAsync(Caller.Unverified, new BlockUser("alice", "bob", null), Ct);
        Assert.Equal(["alice", "bob"], _stores.Conversations[conversation.Id].BlockedBy);

        await handler.UnblockAsync(Caller.Unverified, new UnblockUser("alice", "bob"), Ct);

        Assert.Equal(["bob"], _stores.Conversations[conversation.Id].BlockedBy);
    }

    [Fact]
    public void IsBlocked_OnlyDirectConversations()
    {
        Conversation direct = Conversation.StartDirect("c1", "alice", "bob", null, _clock.GetUtcNow());
        Conversation group = direct with { Kind = ConversationKind.Group, Participants = ["alice", "bob", "carol"] };

        Assert.False(direct.IsBlocked);
        Assert.True((direct with { BlockedBy = ["bob"] }).IsBlocked);
        Assert.False((group with { BlockedBy = ["bob"] }).IsBlocked); // blocks do not apply to groups
    }

    /// <summary>Runs <paramref name="before"/> as a creation starts, then creates in <paramref name="inner"/>.</summary>
    private sealed class BeforeCreate(IConversationStore inner, Action before) : IConversationStore
    {
        public Task<Result<ConversationCreated>> CreateDirectAsync(Conversation conversation, string eventId, CancellationToken cancellationToken)
        {
            before();
            return inner.CreateDirectAsync(conversation, eventId, cancellationToken);
        }

        public Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken) => inner.FindAsync(conversationId, cancellationToken);

        public Task<IReadOnlyList<Conversation>> ListAllAsync(CancellationToken cancellationToken) => inner.ListAllAsync(cancellationToken);

        public Task<string?> FindDirectIdAsync(string user1, string user2, CancellationToken cancellationToken) => inner.FindDirectIdAsync(user1, user2, cancellationToken);

        public Task<Result<ConversationDeleted>> DeleteAsync(Conversation conversation, string readVersion, ConversationDeleted deleted, CancellationToken cancellationToken) =>
            inner.DeleteAsync(conversation, readVersion, deleted, cancellationToken);

        public Task PurgeAsync(string conversationId, CancellationToken cancellationToken) => inner.PurgeAsync(conversationId, cancellationToken);
    }
}
