using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Messaging.Storage.Keys;

namespace Messaging.Storage.Layout;

/// <summary>
/// Where each entity lives in the one table. A conversation's rows share its
/// partition so every change to it is one entity group transaction.
/// </summary>
/// <remarks>
/// Row keys sort as chg &lt; cmid_ &lt; conv &lt; edt_ &lt; mem_ &lt; msg_ &lt; out_ &lt; rcp_ &lt; rx_ &lt; sdoc_ &lt; srch_, so one range query can
/// read the header together with the messages, and a query reads the change counter (chg) and the header before any message.
/// The search index (sdoc_, srch_) lives in the same partition, so a search of one conversation reads its header, member
/// rows and index rows in one query. A range "prefix*" is expressed as <c>RowKey ge 'prefix' and RowKey lt 'prefix`'</c>
/// ('`' follows '_' in ordinal order).
/// In a user's partition, row keys sort as bby_ &lt; blk_ &lt; conv_ &lt; pcn_ &lt; prs: who blocks the user, the user's blocks,
/// inbox entries, the user's real-time connections, then their presence record; each is read by its own prefix range
/// (presence reads pcn_ and prs in one query).
/// </remarks>
internal static class TableLayout
{
    public const string HeaderRowKey = "conv";

    /// <summary>The conversation's change counter (<c>Sync.RevisionRow</c>); it sorts first, so a query reads it before the messages it counts.</summary>
    public const string RevisionRowKey = "chg";
    public const string ClientMessagePrefix = "cmid_";
    public const string MemberPrefix = "mem_";
    public const string MessagePrefix = "msg_";
    public const string OutboxPrefix = "out_";

    /// <summary>An earlier version of an edited message: <c>edt_{seq}_{n}</c>.</summary>
    public const string EditPrefix = "edt_";

    /// <summary>One move of a read cursor, for per-message receipts: <c>rcp_{readSeq}_{user}</c>.</summary>
    public const string ReceiptPrefix = "rcp_";

    /// <summary>One user's reaction with one emoji to a message: <c>rx_{seq}_{emoji}_{user}</c>.</summary>
    public const string ReactionPrefix = "rx_";

    /// <summary>What the search index holds of a message: <c>sdoc_{seq}</c>, its indexed words (see <c>Search/SearchRows</c>).</summary>
    public const string SearchDocPrefix = "sdoc_";

    /// <summary>A search index row: <c>srch_{word}_{seq}</c>, a copy of the message under one of its normalized words.</summary>
    public const string SearchWordPrefix = "srch_";
    public const string UserPartitionPrefix = "user_";
    public const string InboxPrefix = "conv_";
    public const string BlockPrefix = "blk_";
    public const string BlockedByPrefix = "bby_";
    public const string PairPartitionPrefix = "pair_";
    public const string PairRowKey = "pair";

    /// <summary>A user's presence record (online as last published, chosen status, last seen), in their partition.</summary>
    public const string PresenceRowKey = "prs";

    /// <summary>One real-time connection of a user and its lease: <c>pcn_{connectionId}</c>, in their partition.</summary>
    public const string ConnectionPrefix = "pcn_";

    public static string MemberRowKey(string user) => MemberPrefix + TableKey.Encode(user);

    /// <summary>Zero-padded so that key order is sequence order.</summary>
    public static string MessageRowKey(long seq) => MessagePrefix + seq.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The prefix of every row about message <paramref name="seq"/> under <paramref name="prefix"/> (<see cref="EditPrefix"/>, <see cref="ReactionPrefix"/>).</summary>
    public static string PerMessagePrefix(string prefix, long seq) => prefix + seq.ToString("D19", CultureInfo.InvariantCulture) + "_";

    /// <summary>
    /// The row of a read that moved <paramref name="user"/>'s cursor to <paramref name="readSeq"/>: in key order, a user's
    /// first row at or after <c>rcp_{seq}</c> is the read that first covered message <c>seq</c>.
    /// </summary>
    public static string ReceiptRowKey(long readSeq, string user) => PerMessagePrefix(ReceiptPrefix, readSeq) + TableKey.Encode(user);

    public static long MessageSeq(string rowKey) => long.Parse(rowKey.AsSpan(MessagePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// The row remembering a client message id (idempotency key) of a sender. <see cref="TableKey"/> escapes
    /// '~', so the first '~' separates the two parts unambiguously.
    /// </summary>
    public static string ClientMessageRowKey(string sender, string clientMessageId) =>
        ClientMessagePrefix + TableKey.Encode(sender) + "~" + TableKey.Encode(clientMessageId);

    public static string OutboxRowKey(string eventId) => OutboxPrefix + eventId;

    public static string UserPartition(string user) => UserPartitionPrefix + TableKey.Encode(user);

    public static string InboxRowKey(string conversationId) => InboxPrefix + conversationId;

    /// <summary>The row of a block, in the blocker's partition (<see cref="UserPartition"/>).</summary>
    public static string BlockRowKey(string blocked) => BlockPrefix + TableKey.Encode(blocked);

    /// <summary>In the blocked user's partition: that <paramref name="blocker"/> blocks them (what group typing checks).</summary>
    public static string BlockedByRowKey(string blocker) => BlockedByPrefix + TableKey.Encode(blocker);

    /// <summary>A user's connection, in their partition (<see cref="UserPartition"/>).</summary>
    public static string ConnectionRowKey(string connectionId) => ConnectionPrefix + TableKey.Encode(connectionId);

    /// <summary>
    /// The lock row of a direct pair, for canonically ordered ids. Hashed (length-prefixed, so no two
    /// pairs collide by concatenation) to keep the key short however long and odd the ids are.
    /// </summary>
    public static string PairPartition(string participant1, string participant2)
    {
        string canonical = string.Create(CultureInfo.InvariantCulture, $"{participant1.Length}:{participant1}{participant2}");
        return PairPartitionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>A filter for row keys starting with <paramref name="prefix"/> (which must end in '_').</summary>
    public static string RowKeyPrefixFilter(string prefix) =>
        $"RowKey ge '{prefix}' and RowKey lt '{prefix[..^1]}`'";
}
