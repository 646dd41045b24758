using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Messaging.Core.Conversations;
using Messaging.Core.Settings;

namespace Messaging.Core.Sync;

/// <summary>
/// What a client has seen, as the opaque <c>next</c> token of <c>_sync</c>: for each of the user's conversations, the last
/// sequence number and the revision it has seen, and a digest of the user's own state there (read cursor, settings).
/// </summary>
/// <remarks>
/// The token holds positions, not times, and no server keeps anything about it, so it survives restarts and works on
/// any server. It never skips an event: sequence numbers are gapless and a revision counter at N means every change
/// up to N is stored (see <see cref="Revision"/>), so "after these positions" misses nothing however clocks differ.
/// Encoded as base64url of: a format byte, then per conversation its 16-byte id, the two positions as variable-length
/// integers and an 8-byte digest, about 40 characters a conversation.
/// </remarks>
public sealed class SyncToken
{
    private const byte Format = 1;
    private const int IdBytes = ConversationId.Length / 2;
    private const int DigestBytes = 8;

    private readonly Dictionary<string, Seen> _seen;

    private SyncToken(Dictionary<string, Seen> seen) => _seen = seen;

    public static SyncToken Empty => new([]);

    /// <summary>Where the client stood in one conversation.</summary>
    public readonly record struct Seen(long LastSeq, long Revision, ulong Digest);

    public int Count => _seen.Count;

    public bool TryGet(string conversationId, out Seen seen) => _seen.TryGetValue(conversationId, out seen);

    public static SyncToken From(IEnumerable<KeyValuePair<string, Seen>> seen) => new(new Dictionary<string, Seen>(seen, StringComparer.Ordinal));

    /// <summary>The digest of what the user's own entry holds besides positions: a change to either makes the conversation changed.</summary>
    public static ulong Digest(long readSeq, ConversationSettings settings)
    {
        string state = string.Create(CultureInfo.InvariantCulture,
            $"{readSeq}|{settings.Pinned}|{settings.Muted}|{settings.Archived}|{settings.Favorite}|{settings.Ringtone?.Length ?? -1}:{settings.Ringtone}");
        return BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
    }

    public override string ToString()
    {
        var bytes = new List<byte>(1 + (_seen.Count * (IdBytes + DigestBytes + 6))) { Format };
        Span<byte> digest = stackalloc byte[DigestBytes];
        foreach ((string id, Seen seen) in _seen.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            bytes.AddRange(Convert.FromHexString(id));
            WriteVarint(bytes, (ulong)seen.LastSeq);
            WriteVarint(bytes, (ulong)seen.Revision);
            BinaryPrimitives.WriteUInt64LittleEndian(digest, seen.Digest);
            bytes.AddRange(digest);
        }
        return Convert.ToBase64String([.. bytes]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token this service issued; false for anything else.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SyncToken? token)
    {
        token = null;
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }
        string base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => "!" };
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes is not [Format, ..])
        {
            return false;
        }
        var seen = new Dictionary<string, Seen>(StringComparer.Ordinal);
        int at = 1;
        while (at < bytes.Length)
        {
            if (bytes.Length - at < IdBytes)
            {
                return false;
            }
            string id = Convert.ToHexStringLower(bytes, at, IdBytes);
            at += IdBytes;
            if (!TryReadVarint(bytes, ref at, out long lastSeq) || !TryReadVarint(bytes, ref at, out long revision) || bytes.Length - at < DigestBytes)
            {
                return false;
            }
            ulong digest = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at, DigestBytes));
            at += DigestBytes;
            if (!seen.TryAdd(id, new Seen(lastSeq, revision, digest)))
            {
                return false;
            }
        }
        token = new SyncToken(seen);
        return true;
    }

    private static void WriteVarint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
    }

    private static bool TryReadVarint(byte[] bytes, ref int at, out long value)
    {
        ulong result = 0;
        for (int shift = 0; shift < 63 && at < bytes.Length; shift += 7)
        {
            byte b = bytes[at++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                value = (long)result;
                return value >= 0;
            }
        }
        value = 0;
        return false;
    }
}
