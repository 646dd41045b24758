using System.Text;
using Messaging.Storage.Keys;

namespace Messaging.Storage.Tests.Keys;

public class TableKeyTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("alice", "alice")]
    [InlineData("a/b", "a~2Fb")]
    [InlineData("\\#?", "~5C~23~3F")]
    [InlineData("100%", "100~25")]
    [InlineData("~", "~7E")]
    [InlineData("~7E", "~7E7E")]
    [InlineData("\t\n\r\0", "~09~0A~0D~00")]
    [InlineData("\u001F\u007F\u0080\u009F", "~1F~7F~80~9F")]
    [InlineData("\u00A0_é日本🎉 'x' +&=", "\u00A0_é日本🎉 'x' +&=")]
    public void Encode_Value_EscapesExactlyTheReservedCharacters(string value, string expected)
    {
        string encoded = TableKey.Encode(value);

        Assert.Equal(expected, encoded);
        Assert.Equal(value, TableKey.Decode(encoded));
    }

    [Fact]
    public void Encode_RandomStrings_RoundTripAndNeverContainForbiddenCharacters()
    {
        var random = new Random(20250101);
        for (int n = 0; n < 20_000; n++)
        {
            string value = RandomString(random);

            string encoded = TableKey.Encode(value);

            Assert.Equal(value, TableKey.Decode(encoded));
            Assert.DoesNotContain(encoded, IsForbiddenInKey);
            Assert.DoesNotContain('%', encoded);
        }
    }

    [Fact]
    public void Encode_DistinctRandomStrings_StayDistinct()
    {
        var random = new Random(7);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int n = 0; n < 20_000; n++)
        {
            string value = RandomString(random);

            string encoded = TableKey.Encode(value);

            if (seen.TryGetValue(encoded, out string? earlier))
            {
                Assert.Equal(earlier, value);
            }
            seen[encoded] = value;
        }
    }

    [Theory]
    [InlineData("~")]
    [InlineData("a~2")]
    [InlineData("~G0")]
    [InlineData("~2f")]
    [InlineData("~41")]
    [InlineData("~5F")]
    [InlineData("a/b")]
    [InlineData("100%")]
    [InlineData("tab\there")]
    [InlineData("\u0085")]
    public void Decode_NotAnEncoding_ThrowsFormatException(string encoded)
    {
        Assert.Throws<FormatException>(() => TableKey.Decode(encoded));
    }

    [Fact]
    public void Encode_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => TableKey.Encode(null!));
    }

    private static bool IsForbiddenInKey(char c) =>
        c <= '\u001F' || (c >= '\u007F' && c <= '\u009F') || c is '/' or '\\' or '#' or '?';

    /// <summary>Mostly the awkward cases: reserved and control characters, the escape character, escape look-alikes, non-ASCII.</summary>
    private static string RandomString(Random random)
    {
        const string Awkward = "~/\\#?%'\"_ +&=-.:0123456789ABCDEFabcdef";
        var builder = new StringBuilder();
        int length = random.Next(0, 24);
        for (int i = 0; i < length; i++)
        {
            switch (random.Next(6))
            {
                case 0:
                    builder.Append(Awkward[random.Next(Awkward.Length)]);
                    break;
                case 1:
                    builder.Append((char)random.Next(0x00, 0x20));
                    break;
                case 2:
                    builder.Append((char)random.Next(0x7F, 0xA0));
                    break;
                case 3:
                    builder.Append((char)random.Next(0x20, 0x7F));
                    break;
                case 4:
                    builder.Append((char)random.Next(0xA0, 0xD800));
                    break;
                default:
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF)));
                    break;
            }
        }
        return builder.ToString();
    }
}
