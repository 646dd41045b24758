using Messaging.Core.Conversations;
using Messaging.Core.Events;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Tests.Fakes;

/// <summary>Ports kept in memory, with the same contracts as the Table stores (versions, conflicts).</summary>
internal sealed class InMemoryStores : IConversationStore, IMessageStore, IInboxStore, IEventPublisher
{
    private int _version;

    public Dictionary<string, Conversation> Conversations { get; } = [];

    public List<Message> Messages { get; } = [];

    public List<MessagingEvent> Published { get; } = [];

    public List<ConversationCreated> InboxAdds { get; } = [];

    /// <summary>How many more appends report a lost race before one goes through.</summary>
    public int ConflictsToReport { get; set; }

    public Task<Result<ConversationCreated>> CreateDirectAsync(Conversation conversation, string eventId, CancellationToken cancellationToken)
    {
        if (Conversations.Values.Any(c => c.Participants.SequenceEqual(conversation.Participants)))
        {
            return Task.FromResult<Result<ConversationCreated>>(Error.Conflict("exists"));
        }
        Conversations[conversation.Id] = conversation with { Version = NextVersion() };
        return Task.FromResult(Result<ConversationCreated>.Ok(ConversationCreated.For(conversation, eventId)));
    }

    public Task<Conversation?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Conversations.GetValueOrDefault(conversationId));

    Task<IReadOnlyList<Conversation>> IConversationStore.ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Conversation>>([.. Conversations.Values]);

    public Dictionary<(string Conversation, string Sender, string Key), long> ClientMessageIds { get; } = [];

    public Task<SendContext?> LoadForSendAsync(string conversationId, string sender, string? clientMessageId, CancellationToken cancellationToken)
    {
        if (!Conversations.TryGetValue(conversationId, out Conversation? conversation))
        {
            return Task.FromResult<SendContext?>(null);
        }
        long? duplicate = clientMessageId is not null && ClientMessageIds.TryGetValue((conversationId, sender, clientMessageId), out long seq) ? seq : null;
        return Task.FromResult<SendContext?>(new SendContext(conversation, duplicate));
    }

    public Task<Result<Message>> AppendAsync(Conversation next, string readVersion, MessageSent sent, string? clientMessageId, CancellationToken cancellationToken)
    {
        if (ConflictsToReport > 0)
        {
            ConflictsToReport--;
            return Task.FromResult<Result<Message>>(Error.Conflict("lost the race"));
        }
        if (Conversations[next.Id].Version != readVersion)
        {
            return Task.FromResult<Result<Message>>(Error.Conflict("stale"));
        }
        Conversations[next.Id] = next with { Version = NextVersion() };
        Messages.Add(sent.Message);
        if (clientMessageId is not null)
        {
            ClientMessageIds[(next.Id, sent.Message.Sender, clientMessageId)] = sent.Message.Seq;
        }
        return Task.FromResult(Result<Message>.Ok(sent.Message));
    }

    public Task<ConversationMessages?> ListAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Conversations.TryGetValue(conversationId, out Conversation? conversation)
            ? new ConversationMessages(conversation, [.. Messages.Where(m => m.ConversationId == conversationId)])
            : null);

    public Task<MessageLookup?> FindAsync(string conversationId, long seq, CancellationToken cancellationToken) =>
        Task.FromResult(Conversations.TryGetValue(conversationId, out Conversation? conversation)
            ? new MessageLookup(conversation, Messages.SingleOrDefault(m => m.ConversationId == conversationId && m.Seq == seq))
            : null);

    Task<IReadOnlyList<Message>> IMessageStore.ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Message>>([.. Messages]);

    public Task AddConversationAsync(ConversationCreated created, CancellationToken cancellationToken)
    {
        InboxAdds.Add(created);
        return Task.CompletedTask;
    }

    public Task ApplyMessageAsync(string user, MessageSent sent, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ApplyReadAsync(MessageRead read, CancellationToken cancellationToken) => Task.CompletedTask;

    Task<IReadOnlyList<InboxEntry>> IInboxStore.ListAsync(string user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InboxEntry>>([]);

    public Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        Published.Add(committed);
        return Task.CompletedTask;
    }

    private string NextVersion() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
