using Messaging.Core.Search;

namespace Messaging.Core.Tests.Search;

public class SearchTextTests
{
    [Theory]
    [InlineData("Feeling GREAT, café!", new[] { "feeling", "great", "cafe" })]
    [InlineData("e\u0301te\u0301 ÉTÉ", new[] { "ete", "ete" })] // decomposed and composed accents alike
    [InlineData("İstanbul Straße naïve", new[] { "istanbul", "straße", "naive" })]
    [InlineData("R2-D2 says: 42%", new[] { "r2", "d2", "says", "42" })]
    [InlineData("用户 你好 😀 émoji🙂ok", new[] { "用户", "你好", "emoji", "ok" })]
    [InlineData("한국어 Ελληνικά Русский", new[] { "한국어", "ελληνικα", "русскии" })]
    [InlineData("  ?!… — ", new string[0])]
    public void Words_NormalizedRunsOfLettersAndDigits(string text, string[] expected) =>
        Assert.Equal(expected, SearchText.Words(text));

    [Fact]
    public void Words_LongOnes_CutAt32_NeverInsideASurrogatePair()
    {
        Assert.Equal(new string('a', 32), Assert.Single(SearchText.Words(new string('A', 500))));
        string math = string.Concat(Enumerable.Repeat("\U0001D400", 20)); // mathematical bold A: a letter outside the BMP
        string cut = Assert.Single(SearchText.Words(math));
        Assert.True(cut.Length <= SearchText.MaxWordLength);
        Assert.False(char.IsHighSurrogate(cut[^1]));
    }

    [Fact]
    public void DistinctWords_InFirstOrder_UpToMax()
    {
        Assert.Equal(new[] { "b", "a", "c" }, SearchText.DistinctWords("b a B c a"));
        Assert.Equal(new[] { "b", "a" }, SearchText.DistinctWords("b a B c a", 2));
    }

    [Theory]
    [InlineData("", "query")]
    [InlineData("!!!", "letter or a digit")]
    [InlineData("a b c d e f g h i", "8 words")]
    public void Parse_BadQuery_Invalid(string query, string mentioned)
    {
        Result<SearchTerms> parsed = new SearchMessages("alice", query).Parse();
        Assert.False(parsed.IsSuccess);
        Assert.Contains(mentioned, parsed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WordsDeduplicated_TheLongestIsTheAnchor()
    {
        SearchTerms terms = new SearchMessages("alice", "Re re apple").Parse().Value!;
        Assert.Equal(new[] { "re", "apple" }, terms.Words);
        Assert.Equal("apple", terms.Anchor);
        Assert.Equal(SearchMessages.DefaultLimit, terms.Limit);
    }
}
