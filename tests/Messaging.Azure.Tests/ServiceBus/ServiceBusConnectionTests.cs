using Messaging.Azure.ServiceBus;

namespace Messaging.Azure.Tests.ServiceBus;

public sealed class ServiceBusConnectionTests
{
    private const string Key = "SGVsbG9TZXJ2aWNlQnVzS2V5MTIzNDU2Nzg5MA==";

    [Fact]
    public void Parse_NamespaceString_ReadsHostKeyNameAndKey()
    {
        ServiceBusConnection connection = ServiceBusConnection.Parse(
            $"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={Key}");

        Assert.Equal("ns.servicebus.windows.net", connection.FullyQualifiedNamespace);
        Assert.Equal("RootManageSharedAccessKey", connection.SharedAccessKeyName);
        Assert.Equal(Key, connection.SharedAccessKey);
        Assert.Null(connection.EntityPath);
    }

    [Fact]
    public void Parse_EntityStringWithOtherCasingAndSpaces_ReadsEntityPath()
    {
        ServiceBusConnection connection = ServiceBusConnection.Parse(
            $" endpoint = sb://ns.servicebus.windows.net ; sharedaccesskeyname=send ; SHAREDACCESSKEY={Key};EntityPath=orders;");

        Assert.Equal("ns.servicebus.windows.net", connection.FullyQualifiedNamespace);
        Assert.Equal("send", connection.SharedAccessKeyName);
        Assert.Equal(Key, connection.SharedAccessKey);
        Assert.Equal("orders", connection.EntityPath);
    }

    [Theory]
    [InlineData($"SharedAccessKeyName=send;SharedAccessKey={Key}", "Endpoint")]
    [InlineData($"Endpoint=ns.servicebus.windows.net;SharedAccessKeyName=send;SharedAccessKey={Key}", "Endpoint")]
    [InlineData($"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey={Key}", "SharedAccessKeyName")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send", "SharedAccessKey")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SGVsbG9TZXJ2aWNlQnVzS2V5MTIzNDU2Nzg5MA", "segment 3")]
    [InlineData($"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;{Key}", "SharedAccessKey")]
    [InlineData($"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Key};SharedAccessKey={Key}", "segment 4")]
    [InlineData($"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Key};{Key};{Key}", "segment 5")]
    public void Parse_Malformed_ThrowsFormatExceptionWithoutTheKey(string connectionString, string mentioned)
    {
        FormatException error = Assert.Throws<FormatException>(() => ServiceBusConnection.Parse(connectionString));

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key.TrimEnd('='), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Blank_ThrowsArgumentException(string connectionString) =>
        Assert.ThrowsAny<ArgumentException>(() => ServiceBusConnection.Parse(connectionString));
}
