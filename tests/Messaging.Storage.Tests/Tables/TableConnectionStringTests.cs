using Messaging.Storage.Tables;

namespace Messaging.Storage.Tests.Tables;

public class TableConnectionStringTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtAzuriteWithWellKnownKey()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.Endpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal("devstoreaccount1", parsed.Credential?.AccountName);
        Assert.Null(parsed.SharedAccessSignature);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={0};EndpointSuffix=core.windows.net", "https://acct.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=acct;AccountKey={0};EndpointSuffix=core.chinacloudapi.cn", "http://acct.table.core.chinacloudapi.cn/")]
    [InlineData("AccountName=acct;AccountKey={0}", "https://acct.table.core.windows.net/")]
    [InlineData("accountname=acct;ACCOUNTKEY={0};", "https://acct.table.core.windows.net/")]
    public void Parse_AccountAndKey_BuildsEndpointFromSuffix(string format, string expected)
    {
        var parsed = TableConnectionString.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Key));

        Assert.Equal(expected, parsed.Endpoint.AbsoluteUri);
        Assert.Equal("acct", parsed.Credential?.AccountName);
    }

    [Theory]
    [InlineData("http://127.0.0.1:54321/devstoreaccount1", "http://127.0.0.1:54321/devstoreaccount1")]
    [InlineData("http://127.0.0.1:54321/devstoreaccount1/", "http://127.0.0.1:54321/devstoreaccount1")]
    [InlineData("https://acct.table.core.windows.net/", "https://acct.table.core.windows.net/")]
    public void Parse_TableEndpoint_WinsAndKeepsAccountPathSegment(string tableEndpoint, string expected)
    {
        var parsed = TableConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint={tableEndpoint};BlobEndpoint=http://127.0.0.1:1/x;");

        Assert.Equal(expected, parsed.Endpoint.AbsoluteUri);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Fact]
    public void Parse_SharedAccessSignature_KeepsQueryAndTakesAccountFromEndpoint()
    {
        var parsed = TableConnectionString.Parse("TableEndpoint=https://acct.table.core.windows.net;SharedAccessSignature=?sv=2019-02-02&sig=a%2Bb%3D");

        Assert.Null(parsed.Credential);
        Assert.Equal("sv=2019-02-02&sig=a%2Bb%3D", parsed.SharedAccessSignature);
        Assert.Equal("acct", parsed.AccountName);
    }

    [Theory]
    [InlineData("just some text")]
    [InlineData("UseDevelopmentStorage=false")]
    [InlineData("AccountName=acct")]
    [InlineData("TableEndpoint=http://127.0.0.1:1/devstoreaccount1")]
    [InlineData("TableEndpoint=not a uri;AccountName=acct;AccountKey=AAAA")]
    [InlineData("TableEndpoint=ftp://host/x;AccountName=acct;AccountKey=AAAA")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=acct;AccountKey=AAAA")]
    [InlineData("AccountKey=AAAA")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=AAAA")]
    [InlineData(";;")]
    public void Parse_Invalid_ThrowsFormatException(string connectionString)
    {
        Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Empty_ThrowsArgumentException(string connectionString)
    {
        Assert.ThrowsAny<ArgumentException>(() => TableConnectionString.Parse(connectionString));
    }

    [Fact]
    public void Parse_KeyNotBase64_ThrowsWithoutEchoingTheKey()
    {
        FormatException error = Assert.Throws<FormatException>(
            () => TableConnectionString.Parse("AccountName=acct;AccountKey=TopSecret!!Value"));

        Assert.DoesNotContain("TopSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccountKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SegmentWithoutEquals_ThrowsWithoutEchoingTheSegment()
    {
        FormatException error = Assert.Throws<FormatException>(
            () => TableConnectionString.Parse("AccountName=acct;TopSecretKeyFragment;AccountKey=AAAA"));

        Assert.DoesNotContain("TopSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("segment 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableClient_InvalidConnectionString_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => new TableClient("AccountName=acct", "orders"));
    }
}
