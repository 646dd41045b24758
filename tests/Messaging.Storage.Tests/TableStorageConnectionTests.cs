using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Messaging.Storage.Tests;

/// <summary>
/// How the app reaches its table: connection string parsing is the SDK's, but what reaches the logs when a
/// string is wrong is ours, and it must never repeat the string, which may hold the account key.
/// </summary>
public class TableStorageConnectionTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10002/devstoreaccount1")]
    // The SDK alone would ignore TableEndpoint here and look on 10002.
    [InlineData("UseDevelopmentStorage=true;TableEndpoint=http://127.0.0.1:10502/devstoreaccount1", "http://127.0.0.1:10502/devstoreaccount1")]
    [InlineData("TableEndpoint=http://localhost:10502/devstoreaccount1;UseDevelopmentStorage=TRUE", "http://localhost:10502/devstoreaccount1")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={0};EndpointSuffix=core.windows.net", "https://acct.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=acct;AccountKey={0};EndpointSuffix=core.chinacloudapi.cn", "http://acct.table.core.chinacloudapi.cn/")]
    [InlineData("AccountName=acct;AccountKey={0}", "https://acct.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={0};TableEndpoint=http://127.0.0.1:54321/devstoreaccount1;BlobEndpoint=http://127.0.0.1:1/x;", "http://127.0.0.1:54321/devstoreaccount1")]
    [InlineData("TableEndpoint=https://acct.table.core.windows.net;SharedAccessSignature=?sv=2019-02-02&sig=a%2Bb%3D", "https://acct.table.core.windows.net/")]
    public void Endpoint_ValidConnectionStrings_PointWhereTheySay(string format, string expected)
    {
        string connectionString = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Key);

        Assert.Equal(expected, TableStorageConnection.Endpoint(connectionString).AbsoluteUri);
        Assert.Null(TableStorageConnection.Validate(connectionString));
    }

    [Theory]
    [InlineData("just some text", "use UseDevelopmentStorage=true")]
    [InlineData("UseDevelopmentStorage=false", "use UseDevelopmentStorage=true")]
    [InlineData("AccountName=acct", "use UseDevelopmentStorage=true")]
    [InlineData("TableEndpoint=http://127.0.0.1:1/devstoreaccount1", "use UseDevelopmentStorage=true")]
    [InlineData("TableEndpoint=not a uri;AccountName=acct;AccountKey=AAAA", "TableEndpoint is not a valid URI")]
    [InlineData("TableEndpoint=ftp://host/x;AccountName=acct;AccountKey=AAAA", "must be http or https")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=acct;AccountKey=AAAA", "must be http or https")]
    [InlineData("AccountKey=AAAA", "use UseDevelopmentStorage=true")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=AAAA", "use UseDevelopmentStorage=true")]
    [InlineData(";;", "use UseDevelopmentStorage=true")]
    [InlineData(" ", "use UseDevelopmentStorage=true")]
    public void Validate_Invalid_SaysWhatIsWrongWithItAsAConnectionString(string connectionString, string reason)
    {
        string? error = TableStorageConnection.Validate(connectionString);

        Assert.NotNull(error);
        Assert.StartsWith("The table storage connection string (TableStorage:ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => TableStorageConnection.Endpoint(connectionString));
    }

    [Theory]
    [InlineData("AccountName=acct;AccountKey=TopSecret!!Value", "AccountKey is not valid Base64")]
    [InlineData("AccountName=acct;TopSecretKeyFragment;AccountKey=AAAA", "UseDevelopmentStorage=true")] // the SDK's own message names the segment
    [InlineData("AccountName=acct;AccountKey=TopSecretKey==;AccountKey=TopSecretOther", "UseDevelopmentStorage=true")]
    public void CreateServiceClient_Invalid_ThrowsWithoutEchoingAnyPartOfIt(string connectionString, string mentioned)
    {
        FormatException error = Assert.Throws<FormatException>(
            () => TableStorageConnection.CreateServiceClient(new TableStorageOptions { ConnectionString = connectionString }));

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TopSecret", error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task Startup_InvalidConnectionString_FailsWithAClearMessageThatHoldsNoSecret()
    {
        using IHost host = Host(new() { ["TableStorage:ConnectionString"] = "DefaultEndpointsProtocol=https;AccountName=acct;TopSecretPastedKey" });

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("TableStorage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TopSecret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_InvalidFunctionsHostStorage_FailsTooWithoutEchoingTheKey()
    {
        using IHost host = Host(new() { ["AzureWebJobsStorage"] = "AccountName=acct;AccountKey=TopSecret!!Value" });

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TopSecret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Client_FromFunctionsHostConnectionString_WhenTableStorageIsUnset()
    {
        using IHost host = Host(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["TableStorage:TableName"] = "Chats" });

        TableClient client = host.Services.GetRequiredService<TableClient>();

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/Chats", client.Uri.AbsoluteUri);
        Assert.Same(host.Services.GetRequiredService<TableClient>(), client);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public void Client_FromFunctionsHostAccountName_UsesTheEndpointWithAToken(string? managedIdentityClientId)
    {
        using IHost host = Host(new()
        {
            ["AzureWebJobsStorage:accountName"] = "acct",
            ["TableStorage:ManagedIdentityClientId"] = managedIdentityClientId,
        });

        TableServiceClient service = host.Services.GetRequiredService<TableServiceClient>();

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), host.Services.GetRequiredService<IOptions<TableStorageOptions>>().Value.Endpoint);
        Assert.Equal("https://acct.table.core.windows.net/", service.Uri.AbsoluteUri);
        Assert.Equal("https://acct.table.core.windows.net/Messaging", host.Services.GetRequiredService<TableClient>().Uri.AbsoluteUri);
    }

    [Fact]
    public void Client_ConfiguredConnectionString_WinsOverTheFunctionsHostStorage()
    {
        using IHost host = Host(new()
        {
            ["TableStorage:ConnectionString"] = $"AccountName=mine;AccountKey={Key}",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        });

        Assert.Equal("mine", host.Services.GetRequiredService<TableServiceClient>().AccountName);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMessagingStorage();
        return builder.Build();
    }
}
