using Messaging.Core.Conversations;
using Messaging.Core.Delivery;
using Messaging.Core.Events;
using Messaging.Core.Groups;
using Messaging.Core.Inbox;
using Messaging.Core.Messages;
using Messaging.Core.Reads;

namespace Messaging.Core.Tests.Fakes;

/// <summary>Ports kept in memory, with the same contracts as the Table stores (versions, conflicts).</summary>
internal sealed class InMemoryStores : IConversationStore, IMessageStore, IInboxStore, IReadCursorStore, IDeliveryCursorStore, IEventPublisher, IGroupStore
{
    private int _version;

    public Dictionary<string, Conversation> Conversations { get; } = [];

    public List<Message> Messages { get; } = [];

    public List<MessagingEvent> Published { get; } = [];

    public List<ConversationCreated> InboxAdds { get; } = [];

    /// <summary>Every <see cref="IInboxStore.ApplyMessageAsync"/> call, in order.</summary>
    public List<(string User, MessageSent Sent)> InboxMessages { get; } = [];

    /// <summary>Every <see cref="IInboxStore.ApplyReadAsync"/> call, in order.</summary>
    public List<MessageRead> InboxReads { get; } = [];

    /// <summary>What <see cref="IInboxStore.ListAsync"/> returns, per user.</summary>
    public Dictionary<string, List<InboxEntry>> InboxEntries { get; } = [];

    /// <summary>Read cursors with their row versions; a missing key is a missing member row.</summary>
    public Dictionary<(string Conversation, string User), (ReadReceipt Receipt, string Version)> Cursors { get; } = [];

    /// <summary>The events committed with a cursor move (what the Table store writes to the outbox).</summary>
    public List<MessageRead> CursorMoves { get; } = [];

    /// <summary>The events committed with a delivered cursor move.</summary>
    public List<MessageDelivered> DeliveredMoves { get; } = [];

    /// <summary>How many more cursor moves report a lost race before one is tried.</summary>
    public int MoveConflictsToReport { get; set; }

    /// <summary>Runs once at the start of the next cursor move: lets a test play a racing writer.</summary>
    public Action? BeforeNextMove { get; set; }

    /// <summary>A direct conversation with <paramref name="messages"/> messages from <paramref name="user1"/>, stored.</summary>
    public Conversation Seed(string user1, string user2, int messages = 0)
    {
        var at = new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero);
        Conversation conversation = Conversation.StartDirect(ConversationId.New(at), user1, user2, user1, at);
        for (int i = 1; i <= messages; i++)
        {
            (conversation, Message message) = conversation.Post(user1, $"message {i}", at.AddMinutes(i));
            Messages.Add(message);
        }
        conversation = conversation with { Version = NextVersion() };
        Conversations[conversation.Id] = conversation;
        return conversation;
    }

    /// <summary>Sets a user's read cursor as if it had been moved earlier.</summary>
    public void SetCursor(string conversationId, string user, long readSeq, DateTimeOffset readAt)
    {
        // The delivered cursor shares the row: a read leaves it as it is.
        ReadReceipt? current = Cursors.TryGetValue((conversationId, user), out var cursor) ? cursor.Receipt : null;
        Cursors[(conversationId, user)] = (new ReadReceipt(conversationId, user, readSeq, readAt)
        {
            DeliveredSeq = current?.DeliveredSeq ?? 0,
            DeliveredAt = current?.DeliveredAt,
        }, NextVersion());
    }

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

    /// <summary>Headers "remembered" by the process, as they were: returned instead of the stored one unless a fresh read is asked for.</summary>
    public Dictionary<string, Conversation> Remembered { get; } = [];

    /// <summary>How many loads went to "storage".</summary>
    public int HeaderReads { get; private set; }

    public Task<SendContext?> LoadForSendAsync(
        string conversationId, string sender, string? clientMessageId, bool fresh, CancellationToken cancellationToken, long? replyTo = null)
    {
        if (!fresh && replyTo is null && Remembered.TryGetValue(conversationId, out Conversation? remembered))
        {
            return Task.FromResult<SendContext?>(new SendContext(remembered, null, Remembered: true));
        }
        HeaderReads++;
        if (!Conversations.TryGetValue(conversationId, out Conversation? conversation))
        {
            return Task.FromResult<SendContext?>(null);
        }
        long? duplicate = clientMessageId is not null && ClientMessageIds.TryGetValue((conversationId, sender, clientMessageId), out long seq) ? seq : null;
        Message? answered = replyTo is null ? null : Messages.SingleOrDefault(m => m.ConversationId == conversationId && m.Seq == replyTo);
        return Task.FromResult<SendContext?>(new SendContext(conversation, duplicate) { Reply = answered is null ? null : new ReplyTarget(answered, "v") });
    }

    public Task<Result<Message>> AppendAsync(
        Conversation next, string readVersion, MessageSent sent, string? clientMessageId, CancellationToken cancellationToken, ReplyTarget? answered = null)
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

    public Task<ConversationMessages?> ListAsync(string conversationId, CancellationToken cancellationToken, Func<Conversation?, SeqRange?>? window = null)
    {
        if (!Conversations.TryGetValue(conversationId, out Conversation? conversation))
        {
            return Task.FromResult<ConversationMessages?>(null);
        }
        SeqRange range = window?.Invoke(conversation) ?? new SeqRange(1, long.MaxValue);
        return Task.FromResult<ConversationMessages?>(new ConversationMessages(
            conversation, [.. Messages.Where(m => m.ConversationId == conversationId && m.Seq >= range.From && m.Seq <= range.To)]) { Cursors = CursorsOf(conversationId) });
    }

    public Task<MessageLookup?> FindAsync(string conversationId, long seq, CancellationToken cancellationToken) =>
        Task.FromResult(Conversations.TryGetValue(conversationId, out Conversation? conversation)
            ? new MessageLookup(conversation, Messages.SingleOrDefault(m => m.ConversationId == conversationId && m.Seq == seq)) { Cursors = CursorsOf(conversationId) }
            : null);

    private ReadReceipt[] CursorsOf(string conversationId) =>
        [.. Cursors.Where(c => c.Key.Conversation == conversationId).Select(c => c.Value.Receipt)];

    Task<IReadOnlyList<Message>> IMessageStore.ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Message>>([.. Messages]);

    /// <summary>Previews replaced by <see cref="IInboxStore.RefreshPreviewAsync"/>: (user, conversation, seq, preview).</summary>
    public List<(string User, string Conversation, long Seq, string Preview)> PreviewRefreshes { get; } = [];

    public Task RefreshPreviewAsync(string user, string conversationId, long seq, string preview, CancellationToken cancellationToken)
    {
        PreviewRefreshes.Add((user, conversationId, seq, preview));
        return Task.CompletedTask;
    }

    /// <summary>Revisions moved by <see cref="IInboxStore.ApplyRevisionAsync"/>: (user, conversation, revision).</summary>
    public List<(string User, string Conversation, long Revision)> RevisionMoves { get; } = [];

    public Task ApplyRevisionAsync(string user, string conversationId, long revision, CancellationToken cancellationToken)
    {
        RevisionMoves.Add((user, conversationId, revision));
        return Task.CompletedTask;
    }

    /// <summary>When set, inbox membership writes throw (storage failing after a commit).</summary>
    public bool FailInboxAdds { get; set; }

    public Task AddConversationAsync(ConversationCreated created, CancellationToken cancellationToken)
    {
        if (FailInboxAdds)
        {
            throw new InvalidOperationException("Injected fault: the inbox write failed.");
        }
        InboxAdds.Add(created);
        return Task.CompletedTask;
    }

    public Task ApplyMessageAsync(string user, MessageSent sent, CancellationToken cancellationToken)
    {
        // Fan-outs may call this concurrently (Task.WhenAll).
        lock (InboxMessages)
        {
            InboxMessages.Add((user, sent));
        }
        return Task.CompletedTask;
    }

    public Task ApplyReadAsync(MessageRead read, CancellationToken cancellationToken)
    {
        InboxReads.Add(read);
        return Task.CompletedTask;
    }

    /// <summary>Every group change applied to an inbox entry, in order.</summary>
    public List<(string User, ConversationChanged Changed)> InboxChanges { get; } = [];

    /// <summary>Conversations whose rows were purged.</summary>
    public List<string> Purged { get; } = [];

    public Task ApplyChangeAsync(string user, ConversationChanged changed, CancellationToken cancellationToken)
    {
        InboxChanges.Add((user, changed));
        return Task.CompletedTask;
    }

    /// <summary>Every hidden inbox entry: the user, the conversation and the sequence it was hidden at.</summary>
    public List<(string User, string ConversationId, long Seq)> InboxHidden { get; } = [];

    public Task HideAsync(string user, string conversationId, long seq, CancellationToken cancellationToken)
    {
        InboxHidden.Add((user, conversationId, seq));
        return Task.CompletedTask;
    }

    Task IGroupStore.CreateAsync(Conversation group, ConversationCreated created, CancellationToken cancellationToken)
    {
        Conversations[group.Id] = group with { Version = NextVersion() };
        return Task.CompletedTask;
    }

    Task<Result<ConversationChanged>> IGroupStore.ChangeAsync(Conversation next, string readVersion, ConversationChanged changed, CancellationToken cancellationToken)
    {
        if (ConflictsToReport > 0)
        {
            ConflictsToReport--;
            return Task.FromResult<Result<ConversationChanged>>(Error.Conflict("lost the race"));
        }
        if (!Conversations.TryGetValue(next.Id, out Conversation? current) || current.Version != readVersion)
        {
            return Task.FromResult<Result<ConversationChanged>>(Error.Conflict("stale"));
        }
        if (next.Deleted)
        {
            Conversations.Remove(next.Id);
        }
        else
        {
            Conversations[next.Id] = next with { Version = NextVersion() };
        }
        Messages.Add(changed.SystemMessage);
        return Task.FromResult(Result<ConversationChanged>.Ok(changed));
    }

    public Task<string?> FindDirectIdAsync(string user1, string user2, CancellationToken cancellationToken) =>
        Task.FromResult(Conversations.Values.FirstOrDefault(c => c.Kind == ConversationKind.Direct
            && c.HasMember(user1) && c.HasMember(user2))?.Id);

    public Task<Result<ConversationDeleted>> DeleteAsync(Conversation conversation, string readVersion, ConversationDeleted deleted, CancellationToken cancellationToken)
    {
        if (!Conversations.TryGetValue(conversation.Id, out Conversation? current) || current.Version != readVersion)
        {
            return Task.FromResult<Result<ConversationDeleted>>(Error.Conflict("stale"));
        }
        Conversations.Remove(conversation.Id);
        return Task.FromResult(Result<ConversationDeleted>.Ok(deleted));
    }

    public Task PurgeAsync(string conversationId, CancellationToken cancellationToken)
    {
        Purged.Add(conversationId);
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<InboxEntry>> IInboxStore.ListAsync(string user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InboxEntry>>([.. InboxEntries.GetValueOrDefault(user) ?? []]);

    public Task<CursorContext?> LoadAsync(string conversationId, string user, CancellationToken cancellationToken)
    {
        if (!Conversations.TryGetValue(conversationId, out Conversation? conversation))
        {
            return Task.FromResult<CursorContext?>(null);
        }
        CursorContext context = Cursors.TryGetValue((conversationId, user), out var cursor)
            ? new CursorContext(conversation, cursor.Receipt, cursor.Version)
            : new CursorContext(conversation, new ReadReceipt(conversationId, user, 0, null), null);
        return Task.FromResult<CursorContext?>(context);
    }

    public Task<Result<MessageRead>> MoveAsync(MessageRead read, string? readVersion, CancellationToken cancellationToken)
    {
        Action? racer = BeforeNextMove;
        BeforeNextMove = null;
        racer?.Invoke();
        if (MoveConflictsToReport > 0)
        {
            MoveConflictsToReport--;
            return Task.FromResult<Result<MessageRead>>(Error.Conflict("lost the race"));
        }
        string? current = Cursors.TryGetValue((read.ConversationId, read.User), out var cursor) ? cursor.Version : null;
        if (current != readVersion)
        {
            return Task.FromResult<Result<MessageRead>>(Error.Conflict("stale"));
        }
        SetCursor(read.ConversationId, read.User, read.ReadSeq, read.ReadAt);
        CursorMoves.Add(read);
        return Task.FromResult(Result<MessageRead>.Ok(read));
    }

    Task<ConversationReceipts?> IReadCursorStore.ListAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(Conversations.TryGetValue(conversationId, out Conversation? conversation)
            ? new ConversationReceipts(conversation, [.. conversation.Participants.Select(user =>
                Cursors.TryGetValue((conversationId, user), out var cursor) ? cursor.Receipt : new ReadReceipt(conversationId, user, 0, null))])
            : null);

    public Task<Result<MessageDelivered>> MoveAsync(MessageDelivered delivered, string? readVersion, CancellationToken cancellationToken)
    {
        if (MoveConflictsToReport > 0)
        {
            MoveConflictsToReport--;
            return Task.FromResult<Result<MessageDelivered>>(Error.Conflict("lost the race"));
        }
        bool exists = Cursors.TryGetValue((delivered.ConversationId, delivered.User), out var cursor);
        if ((exists ? cursor.Version : null) != readVersion)
        {
            return Task.FromResult<Result<MessageDelivered>>(Error.Conflict("stale"));
        }
        ReadReceipt current = exists ? cursor.Receipt : new ReadReceipt(delivered.ConversationId, delivered.User, 0, null);
        Cursors[(delivered.ConversationId, delivered.User)] = (current with { DeliveredSeq = delivered.DeliveredSeq, DeliveredAt = delivered.DeliveredAt }, NextVersion());
        DeliveredMoves.Add(delivered);
        return Task.FromResult(Result<MessageDelivered>.Ok(delivered));
    }

    /// <summary>Sets a user's delivered cursor as if it had been moved earlier.</summary>
    public void SetDelivered(string conversationId, string user, long deliveredSeq)
    {
        ReadReceipt current = Cursors.TryGetValue((conversationId, user), out var cursor) ? cursor.Receipt : new ReadReceipt(conversationId, user, 0, null);
        Cursors[(conversationId, user)] = (current with { DeliveredSeq = deliveredSeq, DeliveredAt = current.ReadAt }, NextVersion());
    }

    public Task<MessageReaders?> ListReadersAsync(string conversationId, long seq, CancellationToken cancellationToken)
    {
        if (!Conversations.TryGetValue(conversationId, out Conversation? conversation))
        {
            return Task.FromResult<MessageReaders?>(null);
        }
        Message? message = Messages.SingleOrDefault(m => m.ConversationId == conversationId && m.Seq == seq);
        if (message is null)
        {
            return Task.FromResult<MessageReaders?>(new MessageReaders(conversation, null, []));
        }
        // As the table's receipt rows: each user's first recorded move at or past the message, else the cursor's time.
        MessageReader[] readers = [.. MessageReaders.ReadersOf(conversation, message, CursorsOf(conversationId)).Select(cursor => new MessageReader(
            cursor.User,
            CursorMoves.FirstOrDefault(m => m.ConversationId == conversationId && m.User == cursor.User && m.ReadSeq >= seq)?.ReadAt ?? cursor.ReadAt ?? message.SentAt))];
        return Task.FromResult<MessageReaders?>(new MessageReaders(conversation, message, readers));
    }

    public Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        Published.Add(committed);
        return Task.CompletedTask;
    }

    private string NextVersion() => (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
