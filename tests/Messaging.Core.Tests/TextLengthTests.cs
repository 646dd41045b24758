namespace Messaging.Core.Tests;

public class TextLengthTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("ü", 1)]
    [InlineData("用户", 2)]
    [InlineData("😀", 1)]
    [InlineData("a😀b😀", 4)]
    [InlineData("👍🏽", 2)] // a thumb and its skin tone are two scalar values (one grapheme)
    public void Of_CountsScalarValues(string text, int expected) => Assert.Equal(expected, TextLength.Of(text));

    [Fact]
    public void Of_UnpairedSurrogates_CountOnceEach()
    {
        Assert.Equal(3, TextLength.Of("a\ud800b"));
        Assert.Equal(2, TextLength.Of("\udc00\ud83d"));
        Assert.Equal(2, TextLength.Of("\ud83d\ud83d\ude00")); // a lone high, then a pair
    }

    [Theory]
    [InlineData("hello", 3, "hel")]
    [InlineData("hello", 5, "hello")]
    [InlineData("hello", 9, "hello")]
    [InlineData("ab😀c", 3, "ab😀")]
    [InlineData("ab😀c", 2, "ab")]
    [InlineData("😀😀😀", 2, "😀😀")]
    [InlineData("x", 0, "")]
    public void Truncate_KeepsWholeScalarValues(string text, int max, string expected) => Assert.Equal(expected, TextLength.Truncate(text, max));

    [Fact]
    public void Limits_CountEmojiOnce()
    {
        string emoji = string.Concat(Enumerable.Repeat("😀", MessagingLimits.MaxContentLength));

        Assert.Null(InputRules.CheckContent(emoji, "content"));
        Assert.Equal(
            "content must be at most 16,000 characters (Unicode scalar values).",
            InputRules.CheckContent(emoji + "😀", "content")?.Message);
        Assert.Null(InputRules.CheckUserId(string.Concat(Enumerable.Repeat("😀", MessagingLimits.MaxUserIdLength)), "user"));
        Assert.Equal(
            "user must be at most 128 characters (Unicode scalar values).",
            InputRules.CheckUserId(string.Concat(Enumerable.Repeat("😀", MessagingLimits.MaxUserIdLength + 1)), "user")?.Message);
        Assert.Null(InputRules.CheckClientMessageId(string.Concat(Enumerable.Repeat("😀", MessagingLimits.MaxClientMessageIdLength)), "clientMessageId"));
        Assert.Equal(
            "clientMessageId must be at most 64 characters (Unicode scalar values).",
            InputRules.CheckClientMessageId(string.Concat(Enumerable.Repeat("😀", MessagingLimits.MaxClientMessageIdLength + 1)), "clientMessageId")?.Message);
    }

    [Fact]
    public void Limits_StillFitTableStorage()
    {
        // Content of emoji only is the most UTF-16 a message can take; a Table string property holds 64 KiB of UTF-16.
        Assert.True(MessagingLimits.MaxContentLength * 2 * sizeof(char) <= 64 * 1024);
        // Escaped as \uXXXX\uXXXX (twelve bytes a scalar value), the longest content still fits the body limit.
        Assert.True((MessagingLimits.MaxContentLength * 12) + 1024 <= MessagingLimits.MaxRequestBodyBytes);
    }
}
