using Messaging.Core.Conversations;
using Messaging.Core.Identity;
using Messaging.Core.Inbox;
using Messaging.Core.Tests.Fakes;

namespace Messaging.Core.Tests.Conversations;

public class ConversationQueriesTests
{
    private readonly InMemoryStores _stores = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConversationQueries Queries() => new(_stores, _stores);

    private static InboxEntry Entry(string conversationId, params string[] participants) =>
        new(conversationId, ConversationKind.Direct, participants, DateTimeOffset.UnixEpoch, 0, 0, null, null, null);

    public static TheoryData<string, bool> Readers => new()
    {
        { "alice", false },
        { "bob", false },
        { "root", true },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task GetAsync_ParticipantOrAdmin_ReturnsTheConversation(string user, bool isAdmin)
    {
        Conversation conversation = _stores.Seed("alice", "bob");
        _stores.Seed("alice", "carol");

        Result<Conversation> result = await Queries().GetAsync(Caller.User(user, isAdmin), conversation.Id, Ct);

        Assert.Equal(conversation, result.Value);
    }

    [Fact]
    public async Task GetAsync_Unverified_ReturnsTheConversation()
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        Result<Conversation> result = await Queries().GetAsync(Caller.Unverified, conversation.Id, Ct);

        Assert.Equal(conversation, result.Value);
    }

    [Fact]
    public async Task GetAsync_NotParticipant_Forbidden()
    {
        Conversation conversation = _stores.Seed("alice", "bob");

        Result<Conversation> result = await Queries().GetAsync(Caller.User("mallory"), conversation.Id, Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Null(result.Value);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0192f3b4c5d6e7f8091a2b3c4d5e6f70")]
    public async Task GetAsync_Unknown_NotFound(string conversationId)
    {
        _stores.Seed("alice", "bob");

        Result<Conversation> result = await Queries().GetAsync(Caller.Unverified, conversationId, Ct);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("alice")]
    public async Task ForUserAsync_VerifiedCaller_ListsOwnInbox(string? user)
    {
        _stores.InboxEntries["alice"] = [Entry("c1", "alice", "bob")];
        _stores.InboxEntries["bob"] = [Entry("c1", "alice", "bob"), Entry("c2", "bob", "carol")];

        Result<IReadOnlyList<InboxEntry>> result = await Queries().ForUserAsync(Caller.User("alice"), user, Ct);

        Assert.Equal(_stores.InboxEntries["alice"], result.Value);
    }

    [Fact]
    public async Task ForUserAsync_VerifiedCallerAsksForSomeoneElse_Forbidden()
    {
        _stores.InboxEntries["bob"] = [Entry("c1", "alice", "bob")];

        Result<IReadOnlyList<InboxEntry>> result = await Queries().ForUserAsync(Caller.User("alice"), "bob", Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
    }

    [Fact]
    public async Task ForUserAsync_VerifiedAdminAsksForSomeoneElse_Forbidden()
    {
        // As implemented: the admin role opens conversations and the "all" queries, not other users' inboxes.
        _stores.InboxEntries["bob"] = [Entry("c1", "alice", "bob")];

        Result<IReadOnlyList<InboxEntry>> result = await Queries().ForUserAsync(Caller.User("root", isAdmin: true), "bob", Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
    }

    [Fact]
    public async Task ForUserAsync_Unverified_ListsTheNamedUsersInbox()
    {
        _stores.InboxEntries["alice"] = [Entry("c1", "alice", "bob")];
        _stores.InboxEntries["bob"] = [Entry("c1", "alice", "bob"), Entry("c2", "bob", "carol")];

        Result<IReadOnlyList<InboxEntry>> result = await Queries().ForUserAsync(Caller.Unverified, "bob", Ct);

        Assert.Equal(_stores.InboxEntries["bob"], result.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task ForUserAsync_UnverifiedWithoutValidUser_Invalid(string? user)
    {
        Result<IReadOnlyList<InboxEntry>> result = await Queries().ForUserAsync(Caller.Unverified, user, Ct);

        Assert.Equal(ErrorKind.Invalid, result.Error?.Kind);
    }

    [Fact]
    public async Task AllAsync_Admin_ListsEveryConversation()
    {
        Conversation first = _stores.Seed("alice", "bob");
        Conversation second = _stores.Seed("carol", "dave");

        Result<IReadOnlyList<Conversation>> result = await Queries().AllAsync(Caller.User("root", isAdmin: true), Ct);

        Assert.Equal(new HashSet<Conversation> { first, second }, result.Value?.ToHashSet());
    }

    [Fact]
    public async Task AllAsync_NotAdmin_ForbiddenEvenForAParticipant()
    {
        _stores.Seed("alice", "bob");

        Result<IReadOnlyList<Conversation>> result = await Queries().AllAsync(Caller.User("alice"), Ct);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Null(result.Value);
    }
}
