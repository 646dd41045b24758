using Azure.Data.Tables;
using Messaging.Testing;

namespace Messaging.Storage.Tests;

/// <summary><c>UseDevelopmentStorage=true</c> with a <c>TableEndpoint</c> reaches the emulator at that endpoint.</summary>
public class DevelopmentStorageEndpointTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DevelopmentStorage_WithTableEndpointOnAnotherPort_ReachesThatEmulator()
    {
        Uri emulator = TableStorageConnection.Endpoint(azurite.ConnectionString);
        Assert.NotEqual(10002, emulator.Port); // the fixture's emulator is elsewhere, so the default port would miss it
        TableServiceClient client = TableStorageConnection.CreateServiceClient(
            new TableStorageOptions { ConnectionString = $"UseDevelopmentStorage=true;TableEndpoint={emulator.AbsoluteUri.TrimEnd('/')}" });
        string name = azurite.NewTableName();

        await client.CreateTableIfNotExistsAsync(name, TestContext.Current.CancellationToken);
        await client.GetTableClient(name).AddEntityAsync(new TableEntity("p", "r") { ["Value"] = "written" }, TestContext.Current.CancellationToken);

        TableEntity read = await new TableClient(azurite.ConnectionString, name).GetEntityAsync<TableEntity>("p", "r", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("written", read.GetString("Value"));
    }
}
