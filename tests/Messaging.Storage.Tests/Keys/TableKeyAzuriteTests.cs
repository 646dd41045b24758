using Azure.Data.Tables;
using Messaging.Storage.Keys;
using Messaging.Testing;

namespace Messaging.Storage.Tests.Keys;

/// <summary>Encoded keys are accepted by the real service and come back decodable.</summary>
public class TableKeyAzuriteTests(AzuriteFixture azurite)
{
    private static readonly string[] RawRowKeys =
    [
        "a/b\\c#d?e%f",
        "ctrl\u0001\u001F\u007F\u0085\u009F",
        "tab\there\r\nnewline",
        "it's 'quoted'",
        "~7E and ~ and %20",
        "日本 🎉 é",
    ];

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task EncodedKeys_WrittenReadQueriedAndBatched_RoundTrip()
    {
        var client = new TableClient(azurite.ConnectionString, azurite.NewTableName());
        await client.CreateIfNotExistsAsync(_ct);
        string partition = TableKey.Encode("user/1#?%'\u0000");

        foreach (string raw in RawRowKeys)
        {
            await client.AddEntityAsync(new TableEntity(partition, TableKey.Encode(raw)) { ["Raw"] = raw }, _ct);
        }
        await client.SubmitTransactionAsync(
            [.. RawRowKeys.Select(raw => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partition, TableKey.Encode(raw)) { ["Seen"] = true }))],
            _ct);

        foreach (string raw in RawRowKeys)
        {
            TableEntity read = (await client.GetEntityAsync<TableEntity>(partition, TableKey.Encode(raw), cancellationToken: _ct)).Value;
            Assert.Equal(raw, TableKey.Decode(read.RowKey));
            Assert.Equal(raw, read.GetString("Raw"));
            Assert.True(read.GetBoolean("Seen"));
        }
        List<TableEntity> found = [];
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: _ct))
        {
            found.Add(entity);
        }
        Assert.Equal(RawRowKeys.Order(StringComparer.Ordinal), found.Select(e => TableKey.Decode(e.RowKey)).Order(StringComparer.Ordinal));
        Assert.All(found, e => Assert.Equal("user/1#?%'\u0000", TableKey.Decode(e.PartitionKey)));
    }
}
