using System.Buffers;
using System.Globalization;
using System.Text;

namespace Messaging.Core.Reactions;

/// <summary>
/// What a reaction may be: one emoji or a short run of them, and nothing else. Each grapheme (user-perceived
/// character) must be an emoji: a pictographic character with its modifiers, a flag (a pair of regional indicators),
/// or a keycap (<c>1️⃣</c>). So a reaction renders as a picture on every client, and letters, digits, spaces and
/// symbols such as <c>°</c> or box drawing are refused.
/// </summary>
/// <remarks>
/// The pictographic ranges are the main ones of Unicode's Extended_Pictographic property (UTS #51), embedded rather
/// than read from ICU, which the service runs without (invariant globalization). Regional indicators and skin tones
/// lie inside those ranges but are not emoji on their own: they only pair or modify.
/// </remarks>
public static class Emoji
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int Keycap = 0x20E3;
    private const int EmojiPresentation = 0xFE0F;
    private const int TextPresentation = 0xFE0E;

    private static readonly (int First, int Last)[] Pictographic =
    [
        (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139),
        (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328), (0x2388, 0x2388), (0x23CF, 0x23CF),
        (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2), (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0),
        (0x25FB, 0x25FE), (0x2600, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50),
        (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299),
        (0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD),
    ];

    private static readonly SearchValues<char> KeycapBases = SearchValues.Create("0123456789#*");

    /// <summary>Null when <paramref name="value"/> is a valid reaction; else the 400 naming <paramref name="field"/>.</summary>
    public static Error? Check(string? value, string field)
    {
        if (value is null)
        {
            return Error.Invalid($"{field} is required.");
        }
        if (value.Length is 0 || value.Length > MessagingLimits.MaxEmojiLength)
        {
            return Error.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"{field} must be 1 to {MessagingLimits.MaxEmojiLength} UTF-16 code units long (one emoji, or a few)."));
        }
        return IsEmoji(value) ? null : Error.Invalid($"{field} must be made of emoji only, such as 👍 or ❤️: no letters, digits, spaces or other symbols.");
    }

    /// <summary>Whether every grapheme of <paramref name="value"/> is an emoji (see the class remarks); false for an empty string.</summary>
    public static bool IsEmoji(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }
        TextElementEnumerator graphemes = StringInfo.GetTextElementEnumerator(value);
        while (graphemes.MoveNext())
        {
            if (!IsEmojiGrapheme(graphemes.GetTextElement()))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsEmojiGrapheme(string grapheme)
    {
        var runes = new List<int>(grapheme.Length);
        ReadOnlySpan<char> rest = grapheme;
        while (!rest.IsEmpty)
        {
            // A lone surrogate is not text at all, let alone an emoji.
            if (Rune.DecodeFromUtf16(rest, out Rune rune, out int consumed) != OperationStatus.Done)
            {
                return false;
            }
            runes.Add(rune.Value);
            rest = rest[consumed..];
        }

        int first = runes[0];
        if (IsRegionalIndicator(first))
        {
            return runes.Count == 2 && IsRegionalIndicator(runes[1]);
        }
        if (first < 0x80 && KeycapBases.Contains((char)first))
        {
            // 1️⃣: the base, optionally the emoji presentation selector, then the enclosing keycap; a bare "1" is text.
            return runes is [_, Keycap] or [_, EmojiPresentation, Keycap];
        }
        if (!IsPictographic(first))
        {
            return false;
        }
        for (int i = 1; i < runes.Count; i++)
        {
            int next = runes[i];
            bool allowed = next is ZeroWidthJoiner or EmojiPresentation or TextPresentation or Keycap
                || IsSkinTone(next)
                || next is >= 0xE0020 and <= 0xE007F // tags, as in the flags of England, Scotland and Wales
                || IsPictographic(next);
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>An Extended_Pictographic character that is an emoji by itself (not a regional indicator or a skin tone).</summary>
    private static bool IsPictographic(int rune)
    {
        if (IsRegionalIndicator(rune) || IsSkinTone(rune))
        {
            return false;
        }
        foreach ((int low, int high) in Pictographic)
        {
            if (rune < low)
            {
                return false; // the ranges are sorted
            }
            if (rune <= high)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsRegionalIndicator(int rune) => rune is >= 0x1F1E6 and <= 0x1F1FF;

    private static bool IsSkinTone(int rune) => rune is >= 0x1F3FB and <= 0x1F3FF;
}
