
namespace Messaging.SignalRService.Tests;

public sealed class SignalRConnectionStringTests
{
    private const string Key = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

    [Fact]
    public void Parse_AzureString_ReadsEndpointKeyAndVersion()
    {
        var connection = SignalRConnectionString.Parse($"Endpoint=https://svc.service.signalr.net;AccessKey={Key};Version=1.0;");

        Assert.Equal("https://svc.service.signalr.net/", connection.Endpoint.AbsoluteUri);
        Assert.Null(connection.ClientEndpoint);
        Assert.Equal("1.0", connection.Version);
        Assert.True(connection.HasAccessKey);
        Assert.Equal(Key, connection.AccessKey);
        Assert.Null(connection.AuthType);
    }

    [Fact]
    public void Parse_KeysInAnyCaseAndTrailingSlash_AreAccepted()
    {
        var connection = SignalRConnectionString.Parse($"endpoint=https://svc.service.signalr.net/;ACCESSKEY={Key};version=1.1");

        Assert.Equal("https://svc.service.signalr.net/", connection.Endpoint.AbsoluteUri);
        Assert.Equal(Key, connection.AccessKey);
    }

    [Fact]
    public void Parse_Port_IsAppliedToEndpoint()
    {
        var connection = SignalRConnectionString.Parse($"Endpoint=http://localhost;Port=8888;AccessKey={Key};Version=1.0;");

        Assert.Equal("http://localhost:8888/", connection.Endpoint.AbsoluteUri);
    }

    [Fact]
    public void Parse_ClientEndpoint_IsKeptWithItsPath()
    {
        var connection = SignalRConnectionString.Parse(
            $"Endpoint=https://svc.service.signalr.net;ClientEndpoint=https://gateway.example.com/signalr;AccessKey={Key};Version=1.0;");

        Assert.Equal("https://gateway.example.com/signalr/", connection.ClientEndpoint?.AbsoluteUri);
    }

    [Fact]
    public void Parse_EntraAuthTypeWithoutKey_ParsesWithoutAccessKey()
    {
        var connection = SignalRConnectionString.Parse("Endpoint=https://svc.service.signalr.net;AuthType=azure.msi;ClientId=abc;Version=1.0;");

        Assert.False(connection.HasAccessKey);
        Assert.Equal("azure.msi", connection.AuthType);
    }

    [Theory]
    [InlineData($"AccessKey={Key};Version=1.0;", "Endpoint")]
    [InlineData($"Endpoint=ftp://svc.service.signalr.net;AccessKey={Key};Version=1.0;", "Endpoint")]
    [InlineData($"Endpoint=svc.service.signalr.net;AccessKey={Key};Version=1.0;", "Endpoint")]
    [InlineData($"Endpoint=https://svc.service.signalr.net/hub;AccessKey={Key};Version=1.0;", "path")]
    [InlineData($"Endpoint=https://svc.service.signalr.net;AccessKey={Key};Version=2.0;", "Version")]
    [InlineData($"Endpoint=https://svc.service.signalr.net;AccessKey={Key};Version=1.0;Port=0", "Port")]
    [InlineData($"Endpoint=https://svc.service.signalr.net;AccessKey={Key};Version=1.0;Port=65536", "Port")]
    [InlineData($"Endpoint=https://svc.service.signalr.net;AccessKey={Key};Version=1.0;Port=-1", "Port")]
    [InlineData($"Endpoint=https://svc.service.signalr.net;AccessKey={Key};ClientEndpoint=nope", "ClientEndpoint")]
    [InlineData("Endpoint=https://svc.service.signalr.net;Version=1.0;", "AccessKey")]
    [InlineData($"Endpoint=https://svc.service.signalr.net;AccessKey={Key};AuthType=basic", "AuthType")]
    [InlineData($"Endpoint=https://svc.service.signalr.net;{Key};Version=1.0;", "segment 2")]
    [InlineData($"Endpoint=https://svc.service.signalr.net;AccessKey={Key};AccessKey={Key}", "segment 3")]
    public void Parse_Malformed_ThrowsFormatExceptionWithoutTheKey(string connectionString, string mentioned)
    {
        FormatException error = Assert.Throws<FormatException>(() => SignalRConnectionString.Parse(connectionString));

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }
}
