using Messaging.Storage.Outbox;
using Azure.Data.Tables;
using Messaging.Core;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Storage.Conversations;
using Messaging.Storage.Messages;
using Messaging.Testing;

namespace Messaging.Storage.Tests.Messages;

/// <summary>
/// Appending a message is one entity group transaction; its failures are told apart by the SDK's
/// <see cref="TableTransactionFailedException"/> (status and failed action index) as Azurite reports them.
/// </summary>
public sealed class MessageTableStoreTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly MessagingTable _table = new(new TableClient(azurite.ConnectionString, azurite.NewTableName()), TestMetrics.Storage());

    private readonly ConversationHeaders _headers = new(100);

    private readonly OutboxCleanup _cleanup = new(TimeProvider.System);

    private MessageTableStore Messages => new(_table, _headers, _cleanup);

    private async Task<Conversation> CreateAsync()
    {
        Conversation conversation = Conversation.StartDirect(ConversationId.New(T0), "alice", "bob", "alice", T0);
        Result<ConversationCreated> created = await new ConversationTableStore(_table, _headers).CreateDirectAsync(conversation, "created", _ct);
        Assert.True(created.IsSuccess);
        return (await new ConversationTableStore(_table, _headers).FindAsync(conversation.Id, _ct))!;
    }

    private Task<Result<Message>> PostAsync(Conversation current, string readVersion, string content, string? clientMessageId = null)
    {
        (Conversation next, Message message) = current.Post("alice", content, T0.AddSeconds(current.LastSeq + 1));
        return Messages.AppendAsync(next, readVersion, new MessageSent($"sent-{message.Seq}-{content}", message, current.Participants), clientMessageId, _ct);
    }

    [Fact]
    public async Task Append_WithTheHeadersVersion_StoresTheMessage()
    {
        Conversation conversation = await CreateAsync();

        Result<Message> sent = await PostAsync(conversation, conversation.Version!, "hi", "k1");

        Assert.True(sent.IsSuccess);
        ConversationMessages stored = (await Messages.ListAsync(conversation.Id, _ct))!;
        Assert.Equal("hi", Assert.Single(stored.Messages).Content);
        Assert.Equal(1, stored.Conversation.LastSeq);
        Assert.Equal(1, (await Messages.LoadForSendAsync(conversation.Id, "alice", "k1", fresh: true, _ct))!.DuplicateOf);
    }

    [Fact]
    public async Task Append_WithAStaleVersion_IsAConflict_AndWritesNothing()
    {
        Conversation conversation = await CreateAsync();
        Assert.True((await PostAsync(conversation, conversation.Version!, "first")).IsSuccess);

        Result<Message> late = await PostAsync(conversation, conversation.Version!, "second"); // 412 on the header merge

        Assert.Equal(ErrorKind.Conflict, late.Error?.Kind);
        Assert.Equal("first", Assert.Single((await Messages.ListAsync(conversation.Id, _ct))!.Messages).Content);
    }

    [Fact]
    public async Task Append_SameClientMessageIdTwice_IsAConflict()
    {
        Conversation conversation = await CreateAsync();
        Assert.True((await PostAsync(conversation, conversation.Version!, "first", "k")).IsSuccess);
        Conversation current = (await Messages.LoadForSendAsync(conversation.Id, "alice", null, fresh: true, _ct))!.Conversation;

        Result<Message> again = await PostAsync(current, current.Version!, "again", "k"); // 409 on the idempotency row

        Assert.Equal(ErrorKind.Conflict, again.Error?.Kind);
    }

    [Fact]
    public async Task Append_ConversationHeaderGone_IsNotFound()
    {
        Conversation conversation = await CreateAsync();
        TableClient client = await _table.GetAsync(_ct);
        await client.DeleteEntityAsync(conversation.Id, "conv", Azure.ETag.All, _ct);

        Result<Message> sent = await PostAsync(conversation, conversation.Version!, "into the void"); // 404 at action 0

        Assert.Equal(ErrorKind.NotFound, sent.Error?.Kind);
    }

    public void Dispose() => _table.Dispose();
}
