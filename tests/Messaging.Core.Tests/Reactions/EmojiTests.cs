using Messaging.Core.Reactions;

namespace Messaging.Core.Tests.Reactions;

public class EmojiTests
{
    [Theory]
    [InlineData("\U0001F44D")]                                                   // 👍
    [InlineData("\u2764\uFE0F")]                                                 // ❤️ (with the emoji presentation selector)
    [InlineData("\u2764")]                                                       // ❤ (without)
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466")]   // 👨‍👩‍👧‍👦, a ZWJ family of 11 code units
    [InlineData("\U0001F1EB\U0001F1F7")]                                         // 🇫🇷
    [InlineData("1\uFE0F\u20E3")]                                                // 1️⃣
    [InlineData("#\u20E3")]                                                      // #⃣ (keycap without the selector)
    [InlineData("*\uFE0F\u20E3")]                                                // *️⃣
    [InlineData("\U0001F44D\U0001F3FD")]                                         // 👍🏽
    [InlineData("\U0001F3F3\uFE0F\u200D\U0001F308")]                             // 🏳️‍🌈
    [InlineData("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")] // 🏴󠁧󠁢󠁥󠁮󠁧󠁿 (tags), 14 code units
    [InlineData("\U0001F602")]                                                   // 😂
    [InlineData("\U0001F525\U0001F525\U0001F525")]                               // 🔥🔥🔥, a short run
    [InlineData("\u00A9")]                                                       // ©
    [InlineData("\u2122")]                                                       // ™
    [InlineData("\u2B50")]                                                       // ⭐
    [InlineData("\u3030")]                                                       // 〰
    [InlineData("\U0001FAE0")]                                                   // 🫠 (Unicode 14)
    [InlineData("\U0001F9D1\U0001F3FE\u200D\U0001F4BB")]                         // 🧑🏾‍💻
    [InlineData("\U0001F1FA\U0001F1F8\U0001F1EB\U0001F1F7")]                     // 🇺🇸🇫🇷, two flags
    [InlineData("\u263A\uFE0E")]                                                 // ☺︎ (text presentation asked for, still an emoji)
    [InlineData("\U0001F44D\U0001F44D\U0001F44D\U0001F44D\U0001F44D\U0001F44D\U0001F44D\U0001F44D")] // 16 code units exactly
    public void Emoji_Accepted(string value)
    {
        Assert.True(Emoji.IsEmoji(value));
        Assert.Null(Emoji.Check(value, "emoji"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("1")]
    [InlineData("#")]
    [InlineData(" ")]
    [InlineData("\U0001F44D ")]           // a trailing space
    [InlineData(" \U0001F44D")]
    [InlineData("\u00B0")]                // °
    [InlineData("\u2500")]                // ─ (box drawing)
    [InlineData("\u00E9")]                // é
    [InlineData("\u7528")]                // 用
    [InlineData("ok\U0001F44D")]
    [InlineData("\U0001F44Dx")]
    [InlineData("\U0001F1EB")]            // a regional indicator alone is not a flag
    [InlineData("\U0001F3FD")]            // a skin tone alone modifies nothing
    [InlineData("\u200D")]                // a joiner alone
    [InlineData("\uFE0F")]                // a selector alone
    [InlineData("\u20E3")]                // an enclosing keycap alone
    [InlineData("1\uFE0F")]               // a keycap without its enclosing mark
    [InlineData("12\u20E3")]
    [InlineData("\U0001F44D\u0301")]      // a combining accent on an emoji
    [InlineData("\U0001F44D\n")]
    [InlineData("\t")]
    [InlineData("\u0000")]
    [InlineData("\u00A0")]                // no-break space
    [InlineData("\u2190")]                // ← (an arrow outside the emoji ones)
    [InlineData("\u25A0")]                // ■
    public void NotEmoji_Refused(string value)
    {
        Assert.False(Emoji.IsEmoji(value));
        Error? error = Emoji.Check(value, "emoji");
        Assert.NotNull(error);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("emoji", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoneSurrogates_Refused()
    {
        // Not InlineData: test case ids would serialize them alike.
        foreach (string value in (string[])["\uD83D", "\uDC4D", "\U0001F44D\uD83D", "\uDC4D\uD83D"])
        {
            Assert.False(Emoji.IsEmoji(value));
            Assert.Equal(ErrorKind.Invalid, Emoji.Check(value, "emoji")?.Kind);
        }
    }

    [Fact]
    public void Empty_Refused() => Assert.Equal(ErrorKind.Invalid, Emoji.Check("", "emoji")?.Kind);

    [Fact]
    public void Null_Required() => Assert.Equal("emoji is required.", Emoji.Check(null, "emoji")?.Message);

    [Fact]
    public void SeventeenCodeUnits_Refused_EvenWhenEveryGraphemeIsAnEmoji()
    {
        string value = string.Concat(Enumerable.Repeat("\U0001F44D", 8)) + "\u2764"; // 8 × 2 + 1
        Assert.Equal(17, value.Length);
        Assert.True(Emoji.IsEmoji(value));

        Error? error = Emoji.Check(value, "emoji");

        Assert.Equal(ErrorKind.Invalid, error?.Kind);
        Assert.Contains("16", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPictographicRangeBoundary_Accepted_AndItsNeighboursOutside_Refused()
    {
        (int, int)[] ranges =
        [
            (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139),
            (0x2194, 0x2199), (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328), (0x2388, 0x2388), (0x23CF, 0x23CF),
            (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2), (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0),
            (0x25FB, 0x25FE), (0x2600, 0x27BF), (0x2934, 0x2935), (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50),
            (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299),
            (0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD),
        ];
        foreach ((int first, int last) in ranges)
        {
            Assert.True(Emoji.IsEmoji(char.ConvertFromUtf32(first)), $"U+{first:X4}");
            Assert.True(Emoji.IsEmoji(char.ConvertFromUtf32(last)), $"U+{last:X4}");
            bool inside(int rune) => ranges.Any(r => rune >= r.Item1 && rune <= r.Item2);
            if (!inside(first - 1))
            {
                Assert.False(Emoji.IsEmoji(char.ConvertFromUtf32(first - 1)), $"U+{first - 1:X4}");
            }
            if (!inside(last + 1))
            {
                Assert.False(Emoji.IsEmoji(char.ConvertFromUtf32(last + 1)), $"U+{last + 1:X4}");
            }
        }
    }
}
