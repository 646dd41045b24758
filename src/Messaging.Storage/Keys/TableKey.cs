using System.Text;

namespace Messaging.Storage.Keys;

/// <summary>
/// A reversible encoding that makes any string legal as (part of) a Table Storage PartitionKey or RowKey.
/// </summary>
/// <remarks>
/// Escapes exactly the characters keys may not contain (U+0000–U+001F, U+007F–U+009F, <c>/</c>, <c>\</c>,
/// <c>#</c>, <c>?</c>), plus <c>%</c> (which some proxies and tools decode in URLs) and the escape character
/// <c>~</c> itself, as <c>~XX</c> with two uppercase hex digits of the UTF-16 code unit. Everything else,
/// including other non-ASCII text and <c>_</c>, passes through, so encoded keys keep their sort order
/// for ordinary text and stay readable.
/// </remarks>
public static class TableKey
{
    private const char Escape = '~';

    /// <summary>Encodes <paramref name="value"/> so it contains no character that is forbidden in a key.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        int escapes = 0;
        foreach (char c in value)
        {
            if (MustEscape(c))
            {
                escapes++;
            }
        }
        if (escapes == 0)
        {
            return value;
        }

        return string.Create(value.Length + (2 * escapes), value, static (span, source) =>
        {
            int i = 0;
            foreach (char c in source)
            {
                if (MustEscape(c))
                {
                    span[i++] = Escape;
                    span[i++] = HexDigit(c >> 4);
                    span[i++] = HexDigit(c & 0xF);
                }
                else
                {
                    span[i++] = c;
                }
            }
        });
    }

    /// <summary>Reverses <see cref="Encode"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="encoded"/> is null.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="encoded"/> is not something <see cref="Encode"/> produces: a raw forbidden character,
    /// a truncated or non-hex escape, lowercase hex, or an escape of a character that needs none.
    /// </exception>
    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);

        if (!encoded.Contains(Escape, StringComparison.Ordinal))
        {
            EnsureNoForbidden(encoded);
            return encoded;
        }

        var builder = new StringBuilder(encoded.Length);
        for (int i = 0; i < encoded.Length; i++)
        {
            char c = encoded[i];
            if (c != Escape)
            {
                if (MustEscape(c))
                {
                    throw Malformed(i, "an unescaped reserved character");
                }
                builder.Append(c);
                continue;
            }

            if (i + 2 >= encoded.Length)
            {
                throw Malformed(i, "a truncated escape");
            }
            int high = HexValue(encoded[i + 1]);
            int low = HexValue(encoded[i + 2]);
            if (high < 0 || low < 0)
            {
                throw Malformed(i, "an escape that is not two uppercase hex digits");
            }
            char decoded = (char)((high << 4) | low);
            // Only escapes Encode would write are accepted, so every key has exactly one encoded form.
            if (!MustEscape(decoded))
            {
                throw Malformed(i, "an escape of a character that is never escaped");
            }
            builder.Append(decoded);
            i += 2;
        }
        return builder.ToString();
    }

    private static bool MustEscape(char c) =>
        c <= '\u001F'
        || (c >= '\u007F' && c <= '\u009F')
        || c is '/' or '\\' or '#' or '?' or '%' or Escape;

    private static void EnsureNoForbidden(string encoded)
    {
        for (int i = 0; i < encoded.Length; i++)
        {
            if (MustEscape(encoded[i]))
            {
                throw Malformed(i, "an unescaped reserved character");
            }
        }
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static FormatException Malformed(int index, string problem) =>
        new($"The encoded key has {problem} at index {index}.");
}
