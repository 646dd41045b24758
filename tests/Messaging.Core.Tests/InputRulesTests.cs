namespace Messaging.Core.Tests;

public class InputRulesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("a/b\\c#d?e%f~g")]
    [InlineData("tab\there\u0001\u007f\u009f")]
    [InlineData("用户")]
    [InlineData("emoji😀")]
    [InlineData(" padded ")]
    [InlineData("...")]
    [InlineData(".alice")]
    public void CheckUserId_Legal_Null(string id) => Assert.Null(InputRules.CheckUserId(id, "user"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData(".")]
    [InlineData("..")]
    public void CheckUserId_Illegal_Invalid(string id) => Assert.Equal(ErrorKind.Invalid, InputRules.CheckUserId(id, "user")?.Kind);

    // Built in code: a lone surrogate does not survive xunit's serialization of inline data.
    [Theory]
    [InlineData('\ud800', 3)]
    [InlineData('\udc00', 0)]
    [InlineData('\ud83d', 5)]
    public void Check_LoneSurrogate_Invalid(char surrogate, int position)
    {
        string text = "hello".Insert(position, surrogate.ToString());

        Assert.Equal(ErrorKind.Invalid, InputRules.CheckUserId(text, "user")?.Kind);
        Assert.Equal(ErrorKind.Invalid, InputRules.CheckContent(text, "content")?.Kind);
    }

    [Fact]
    public void CheckUserId_LengthLimit_Enforced()
    {
        Assert.Null(InputRules.CheckUserId(new string('x', MessagingLimits.MaxUserIdLength), "user"));
        Error? error = InputRules.CheckUserId(new string('x', MessagingLimits.MaxUserIdLength + 1), "user");
        Assert.Equal(ErrorKind.Invalid, error?.Kind);
        Assert.Contains("128", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("line one\nline two\r\n\tindented")]
    [InlineData("😀 emoji")]
    public void CheckContent_Legal_Null(string content) => Assert.Null(InputRules.CheckContent(content, "content"));

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    [InlineData("nul\0byte")]
    [InlineData("bell\u0007")]
    [InlineData("c1\u0085control")]
    public void CheckContent_Illegal_Invalid(string content) => Assert.Equal(ErrorKind.Invalid, InputRules.CheckContent(content, "content")?.Kind);

    [Fact]
    public void CheckContent_LengthLimit_AtLeast8000AndEnforced()
    {
        Assert.True(MessagingLimits.MaxContentLength >= 8000);
        Assert.Null(InputRules.CheckContent(new string('x', MessagingLimits.MaxContentLength), "content"));
        Assert.Equal(ErrorKind.Invalid, InputRules.CheckContent(new string('x', MessagingLimits.MaxContentLength + 1), "content")?.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\u3000\t")] // ideographic space and tab
    public void CheckClientMessageId_Blank_Invalid(string key) =>
        Assert.Equal("clientMessageId must not be empty or blank.", InputRules.CheckClientMessageId(key, "clientMessageId")?.Message);

    [Theory]
    [InlineData("k1")]
    [InlineData(" padded ")]
    [InlineData("ключ-😀")]
    public void CheckClientMessageId_Legal_Null(string key) => Assert.Null(InputRules.CheckClientMessageId(key, "clientMessageId"));
}
