using Azure;
using Messaging.Core.Conversations;
using Messaging.Storage.Caching;
using Messaging.Storage.Layout;

namespace Messaging.Storage.Conversations;

/// <summary>
/// The conversation headers this process last read or wrote, with their ETags, so a send can guard its batch
/// without reading the header first. Shared by the stores that write headers; a stale entry only costs a 412.
/// </summary>
public sealed class ConversationHeaders(int capacity = ConversationHeaders.DefaultCapacity) : IDisposable
{
    /// <summary>Headers remembered: a few hundred bytes each for direct conversations.</summary>
    public const int DefaultCapacity = 50_000;

    private readonly RowCache<Conversation> _remembered = new(capacity);

    public Conversation? Get(string conversationId) => _remembered.Get(conversationId, TableLayout.HeaderRowKey);

    public void Remember(Conversation header) => _remembered.Set(header.Id, TableLayout.HeaderRowKey, header);

    /// <summary>
    /// Remembers <paramref name="header"/> as a batch whose first action wrote it left it: with that action's ETag,
    /// or forgets it when the response carries none.
    /// </summary>
    public void Remember(Conversation header, Response<IReadOnlyList<Response>> batch)
    {
        if (batch.Value.Count > 0 && batch.Value[0].Headers.ETag is { } etag)
        {
            Remember(header with { Version = etag.ToString() });
        }
        else
        {
            Forget(header.Id);
        }
    }

    public void Forget(string conversationId) => _remembered.Remove(conversationId, TableLayout.HeaderRowKey);

    public void Dispose() => _remembered.Dispose();
}
