using Messaging.Core.Messages;

namespace Messaging.Core.Tests.Messages;

public class MessageRulesTests
{
    private static SendMessage Send(string? content, string? type = null, string? payload = null, params Attachment[] attachments) =>
        new("c", "alice", content) { Type = type, Payload = payload, Attachments = attachments };

    [Theory]
    [InlineData("text")]
    [InlineData("image")]
    [InlineData("splitMoney")]
    [InlineData("check-in_2")]
    [InlineData("a")]
    [InlineData("abcdefghijabcdefghijabcdefghijab")] // 32
    public void Type_WellFormedLabels_Accepted(string type) => Assert.Null(MessageRules.Check(Send("x", type)));

    [Theory]
    [InlineData("system")]
    [InlineData("Text")]
    [InlineData("_x")]
    [InlineData("9x")]
    [InlineData("x y")]
    [InlineData("x\n")]
    [InlineData("é")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")] // 33
    public void Type_ReservedOrMalformed_Refused(string type) => Assert.NotNull(MessageRules.Check(Send("x", type)));

    [Fact]
    public void Content_MayBeEmpty_OnlyWithAttachmentsOrPayload()
    {
        Assert.NotNull(MessageRules.Check(Send("")));
        Assert.NotNull(MessageRules.Check(Send(null)));
        Assert.Null(MessageRules.Check(Send("", payload: "{}")));
        Assert.Null(MessageRules.Check(Send(null, attachments: new Attachment("https://x.example/a", null, null, null))));
        Assert.NotNull(MessageRules.Check(Send(" ", payload: "{}"))); // blank is not empty: still the text's rules
    }

    [Fact]
    public void Payload_CountedInUtf8Bytes()
    {
        string fits = "{\"t\":\"" + new string('€', 1362) + "\"}"; // 3 bytes each: 4,086 + 8
        Assert.Equal(4094, System.Text.Encoding.UTF8.GetByteCount(fits));
        Assert.Null(MessageRules.Check(Send("x", payload: fits)));
        Assert.NotNull(MessageRules.Check(Send("x", payload: "{\"t\":\"" + new string('€', 1363) + "\"}")));
    }

    [Theory]
    [InlineData("https://files.example.com/a.png", null, null, null, true)]
    [InlineData("https://files.example.com/a.png", "a.png", "image/png", 0L, true)]
    [InlineData("https://files.example.com/a.png", "a.png", "text/plain; charset=utf-8", 10L, true)]
    [InlineData("https://files.example.com/a.png", "a.png", "application/vnd.ms-excel", 10L, true)]
    [InlineData("http://files.example.com/a.png", null, null, null, false)]
    [InlineData("ftp://files.example.com/a.png", null, null, null, false)]
    [InlineData("data:image/png;base64,AAAA", null, null, null, false)]
    [InlineData("files.example.com/a.png", null, null, null, false)]
    [InlineData("", null, null, null, false)]
    [InlineData("https://files.example.com/a.png", "", null, null, false)]
    [InlineData("https://files.example.com/a.png", "a\u0001b", null, null, false)]
    [InlineData("https://files.example.com/a.png", null, "png", null, false)]
    [InlineData("https://files.example.com/a.png", null, "image/", null, false)]
    [InlineData("https://files.example.com/a.png", null, "image/png/x", null, false)]
    [InlineData("https://files.example.com/a.png", null, "image/p g", null, false)]
    [InlineData("https://files.example.com/a.png", null, null, -1L, false)]
    public void Attachment_Rules(string url, string? name, string? contentType, long? size, bool valid) =>
        Assert.Equal(valid, MessageRules.Check(Send("x", attachments: new Attachment(url, name, contentType, size))) is null);

    [Fact]
    public void Attachments_AtMostTen()
    {
        Attachment one = new("https://x.example/a", null, null, null);
        Assert.Null(MessageRules.Check(Send("x", attachments: [.. Enumerable.Repeat(one, 10)])));
        Assert.NotNull(MessageRules.Check(Send("x", attachments: [.. Enumerable.Repeat(one, 11)])));
    }

    [Theory]
    [InlineData("short", "short")]
    [InlineData("", "")]
    public void ReplyPreview_ShortText_AsIs(string content, string expected) => Assert.Equal(expected, MessageRules.ReplyPreview(content));

    [Fact]
    public void ReplyPreview_LongText_CutAt100Characters_BetweenWholeCharacters()
    {
        Assert.Equal(new string('a', 100), MessageRules.ReplyPreview(new string('a', 150)));
        Assert.Equal(new string('a', 99), MessageRules.ReplyPreview(new string('a', 99) + "🇫🇷")); // a flag is two scalar values
        Assert.Equal(new string('a', 98) + "🇫🇷", MessageRules.ReplyPreview(new string('a', 98) + "🇫🇷🇫🇷"));
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 100)), MessageRules.ReplyPreview(string.Concat(Enumerable.Repeat("😀", 101))));
    }

    [Fact]
    public void Answering_ADeletedMessage_ShowsNoText()
    {
        var message = new Message("c", 3, "alice", "secret", DateTimeOffset.UnixEpoch);
        Assert.Equal(new ReplyPreview(3, "alice", "secret"), MessageRules.Answering(message));
        Assert.Equal(new ReplyPreview(3, "alice", null, Deleted: true), MessageRules.Answering(message.ToTombstone(DateTimeOffset.UnixEpoch, "alice")));
    }
}
