using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Messaging.Core.Messages;
using Messaging.Core.Search;
using Messaging.Storage.Keys;
using Messaging.Storage.Layout;
using Messaging.Storage.Messages;

namespace Messaging.Storage.Search;

/// <summary>
/// The index rows of a message, in its conversation's partition: one <c>srch_{word}_{seq}</c> row per indexed word,
/// each a copy of the message (what a result shows) with every indexed word of it (<c>Words</c>, to check a query's
/// other words without another read), and one <c>sdoc_{seq}</c> row listing what is indexed (to know what an edit or
/// a delete must remove, and to guard concurrent index writes with its ETag).
/// </summary>
/// <remarks>
/// A message is indexed by its first <see cref="MaxWordsPerMessage"/> distinct words (fewer for a very large message,
/// so its rows fit one 4 MiB batch), so that every index write of a message is one entity group transaction: its new
/// rows, the removal of the words it lost and the <c>sdoc_</c> row together are at most 97 operations.
/// </remarks>
internal static class SearchRows
{
    public const int MaxWordsPerMessage = 48;

    /// <summary>Bytes of message copies one batch carries at most (a batch holds 4 MiB).</summary>
    private const int BatchBudgetBytes = 3 * 1024 * 1024;

    public const string WordsProperty = "Words";
    public const string SeqProperty = "Seq";
    public const string HashProperty = "Hash";

    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag", MessageEntity.RepliesProperty, MessageEntity.RepliesProperty + "Parts",
    };

    public static string WordRowKey(string word, long seq) =>
        TableLayout.SearchWordPrefix + TableKey.Encode(word) + "_" + seq.ToString("D19", CultureInfo.InvariantCulture);

    public static string DocRowKey(long seq) => TableLayout.SearchDocPrefix + seq.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The rows of every word that starts with <paramref name="prefix"/>: <c>srch_{prefix}</c> up to the next prefix.</summary>
    public static string WordRangeFilter(string prefix)
    {
        string from = TableLayout.SearchWordPrefix + TableKey.Encode(prefix);
        // Words are letters and digits, never U+FFFF: the next code unit after the last bounds every word it starts.
        string to = from[..^1] + (char)(from[^1] + 1);
        return TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}");
    }

    /// <summary>What the index holds of <paramref name="message"/>: its words and its copy; no words when it is not to be found.</summary>
    public static Indexed For(Message? message)
    {
        if (message is null || message.IsDeleted || message.IsSystem)
        {
            return Indexed.Nothing;
        }
        TableEntity copy = MessageEntity.Create(message);
        var properties = copy.Where(p => !NotCopied.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        int fit = Math.Max(1, BatchBudgetBytes / EstimateBytes(properties));
        IReadOnlyList<string> words = SearchText.DistinctWords(message.Content, Math.Min(MaxWordsPerMessage, fit));
        if (words.Count == 0)
        {
            return Indexed.Nothing;
        }
        return new Indexed(words, properties, Hash(words, properties), message.Seq);
    }

    /// <summary>The message a word row holds a copy of.</summary>
    public static Message ToMessage(TableEntity row)
    {
        long seq = row.GetInt64(SeqProperty) ?? 0;
        var copy = new TableEntity(row.PartitionKey, TableLayout.MessageRowKey(seq));
        foreach ((string name, object value) in row)
        {
            if (!NotCopied.Contains(name) && name is not WordsProperty and not SeqProperty)
            {
                copy[name] = value;
            }
        }
        return MessageEntity.From(copy);
    }

    public static string[] WordsOf(TableEntity row) =>
        row.GetString(WordsProperty) is { Length: > 0 } words ? words.Split(' ') : [];

    // JSON escapes every non-ASCII code unit as six bytes (\uXXXX): counting six a character never underestimates.
    private static int EstimateBytes(KeyValuePair<string, object>[] properties) =>
        1024 + properties.Sum(p => 64 + (6 * (p.Key.Length + (p.Value is string text ? text.Length : 32))));

    private static string Hash(IReadOnlyList<string> words, KeyValuePair<string, object>[] properties)
    {
        var canonical = new StringBuilder().Append(string.Join(' ', words));
        foreach ((string name, object value) in properties)
        {
            canonical.Append('\n').Append(name).Append('=').Append(value switch
            {
                DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>A message as indexed: <see cref="Words"/> (empty: not to be found) and the copy each word row holds.</summary>
    public sealed record Indexed(IReadOnlyList<string> Words, KeyValuePair<string, object>[] Properties, string Hash, long Seq)
    {
        public static readonly Indexed Nothing = new([], [], string.Empty, 0);

        public TableEntity WordRow(string partition, string word)
        {
            var row = new TableEntity(partition, WordRowKey(word, Seq)) { [SeqProperty] = Seq, [WordsProperty] = string.Join(' ', Words) };
            foreach ((string name, object value) in Properties)
            {
                row[name] = value;
            }
            return row;
        }

        public TableEntity DocRow(string partition, long seq) =>
            new(partition, DocRowKey(seq)) { [WordsProperty] = string.Join(' ', Words), [HashProperty] = Hash };
    }
}
