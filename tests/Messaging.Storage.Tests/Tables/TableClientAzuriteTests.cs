using Azure;
using Messaging.Storage.Tables;
using Messaging.Testing;

namespace Messaging.Storage.Tests.Tables;

/// <summary>The client against a real Azurite: the protocol as the service actually speaks it.</summary>
public class TableClientAzuriteTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateIfNotExistsAsync_CalledTwice_SucceedsBothTimes()
    {
        var client = new TableClient(azurite.ConnectionString, azurite.NewTableName());

        Response first = await client.CreateIfNotExistsAsync(_ct);
        Response second = await client.CreateIfNotExistsAsync(_ct);

        Assert.Equal(204, first.Status);
        Assert.Equal(409, second.Status);
        await client.AddEntityAsync(new TableEntity("p", "r"), _ct);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_Succeeds()
    {
        TableClient client = await NewTableAsync();

        await client.DeleteAsync(_ct);
        Response again = await client.DeleteAsync(_ct);

        Assert.Equal(404, again.Status);
        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(() => client.AddEntityAsync(new TableEntity("p", "r"), _ct));
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task AddEntityAsync_EveryType_RoundTripsWithTypeAndPrecision()
    {
        TableClient client = await NewTableAsync();
        var at = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);
        var utc = new DateTime(2023, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9999999);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "héllo 日本 'quoted' \"double\"",
            ["Int"] = -42,
            ["Big"] = 9007199254740993L,
            ["Max"] = long.MaxValue,
            ["Third"] = 1.0 / 3,
            ["Whole"] = 2.0,
            ["Yes"] = true,
            ["No"] = false,
            ["At"] = at,
            ["Utc"] = utc,
            ["Id"] = id,
            ["Raw"] = new byte[] { 0, 1, 2, 254, 255 },
            ["Data"] = BinaryData.FromBytes([9, 8, 7]),
            ["Empty"] = string.Empty,
            ["Missing"] = null,
        };

        Response added = await client.AddEntityAsync(entity, _ct);
        TableEntity read = (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct)).Value;

        Assert.Equal("héllo 日本 'quoted' \"double\"", read["Text"]);
        Assert.Equal(-42, read["Int"]);
        Assert.Equal(9007199254740993L, read["Big"]);
        Assert.Equal(long.MaxValue, read["Max"]);
        Assert.Equal(1.0 / 3, read["Third"]);
        Assert.Equal(2.0, read["Whole"]);
        Assert.Equal(true, read["Yes"]);
        Assert.Equal(false, read["No"]);
        Assert.Equal(at, read["At"]);
        Assert.Equal(utc, read.GetDateTime("Utc"));
        Assert.Equal(DateTimeKind.Utc, read.GetDateTime("Utc")!.Value.Kind);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, read["Raw"]);
        Assert.Equal(new byte[] { 9, 8, 7 }, read.GetBinary("Data"));
        Assert.Equal(string.Empty, read["Empty"]);
        Assert.False(read.ContainsKey("Missing"));
        Assert.Equal(added.Headers.ETag, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task AddEntityAsync_Duplicate_ThrowsEntityAlreadyExists()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "r"), _ct);

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(() => client.AddEntityAsync(new TableEntity("p", "r"), _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntityAsync_CurrentETag_SucceedsAndReturnsTheNewETag()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "r") { ["Qty"] = 1 }, _ct);
        TableEntity entity = (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct)).Value;
        entity["Qty"] = 2;

        Response updated = await client.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, _ct);

        TableEntity read = (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct)).Value;
        Assert.Equal(2, read["Qty"]);
        Assert.NotEqual(entity.ETag, read.ETag);
        Assert.Equal(updated.Headers.ETag, read.ETag);
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_ThrowsUpdateConditionNotSatisfied()
    {
        TableClient client = await NewTableAsync();
        ETag stale = (await client.AddEntityAsync(new TableEntity("p", "r") { ["Qty"] = 1 }, _ct)).Headers.ETag!.Value;
        await client.UpdateEntityAsync(new TableEntity("p", "r") { ["Qty"] = 2 }, stale, cancellationToken: _ct);

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.UpdateEntityAsync(new TableEntity("p", "r") { ["Qty"] = 3 }, stale, cancellationToken: _ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(2, (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct)).Value["Qty"]);
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_ThrowsUpdateConditionNotSatisfied()
    {
        TableClient client = await NewTableAsync();
        ETag stale = (await client.AddEntityAsync(new TableEntity("p", "r"), _ct)).Headers.ETag!.Value;
        await client.UpsertEntityAsync(new TableEntity("p", "r") { ["Qty"] = 2 }, cancellationToken: _ct);

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(() => client.DeleteEntityAsync("p", "r", stale, _ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.True((await client.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: _ct)).HasValue);
    }

    [Fact]
    public async Task UpdateEntityAsync_MissingEntity_ThrowsResourceNotFound()
    {
        TableClient client = await NewTableAsync();

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.UpdateEntityAsync(new TableEntity("p", "r"), ETag.All, cancellationToken: _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntityAsync_Merge_KeepsPropertiesNotSent()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 1 }, _ct);

        await client.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = 2, ["C"] = 2 }, ETag.All, TableUpdateMode.Merge, _ct);

        TableEntity read = (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct)).Value;
        Assert.Equal((1, 2, 2), (read.GetInt32("A"), read.GetInt32("B"), read.GetInt32("C")));
    }

    [Fact]
    public async Task UpdateEntityAsync_Replace_DropsPropertiesNotSent()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 1 }, _ct);

        await client.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = 2 }, ETag.All, TableUpdateMode.Replace, _ct);

        TableEntity read = (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct)).Value;
        Assert.False(read.ContainsKey("A"));
        Assert.Equal(2, read.GetInt32("B"));
    }

    [Theory]
    [InlineData(TableUpdateMode.Merge)]
    [InlineData(TableUpdateMode.Replace)]
    public async Task UpsertEntityAsync_MissingThenExisting_InsertsThenUpdates(TableUpdateMode mode)
    {
        TableClient client = await NewTableAsync();

        await client.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1 }, mode, _ct);
        await client.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = 2 }, mode, _ct);

        TableEntity read = (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct)).Value;
        Assert.Equal(mode == TableUpdateMode.Merge ? 1 : null, read.GetInt32("A"));
        Assert.Equal(2, read.GetInt32("B"));
    }

    [Fact]
    public async Task DeleteEntityAsync_ExistingThenMissing_RemovesThenReturnsNotFound()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "r"), _ct);

        Response deleted = await client.DeleteEntityAsync("p", "r", cancellationToken: _ct);
        Response again = await client.DeleteEntityAsync("p", "r", cancellationToken: _ct);

        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, again.Status);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: _ct)).HasValue);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_MissingEntity_HasNoValue()
    {
        TableClient client = await NewTableAsync();

        NullableResponse<TableEntity> response = await client.GetEntityIfExistsAsync<TableEntity>("p", "nope", cancellationToken: _ct);

        Assert.False(response.HasValue);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_MissingTable_ThrowsTableNotFound()
    {
        var client = new TableClient(azurite.ConnectionString, azurite.NewTableName());

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetEntityAsync_Select_ReturnsOnlySelectedProperties()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2L }, _ct);

        TableEntity read = (await client.GetEntityAsync<TableEntity>("p", "r", ["B"], _ct)).Value;

        Assert.False(read.ContainsKey("A"));
        Assert.Equal(2L, read["B"]);
    }

    [Fact]
    public async Task QueryAsync_25EntitiesMaxPerPage10_ReturnsThreePagesInKeyOrder()
    {
        TableClient client = await NewTableAsync();
        string[] rowKeys = [.. Enumerable.Range(0, 25).Select(i => $"r{i:D2}")];
        foreach (string rowKey in rowKeys.Reverse())
        {
            await client.AddEntityAsync(new TableEntity(rowKey[^1] < '5' ? "a" : "b", rowKey), _ct);
        }

        List<Page<TableEntity>> pages = [];
        await foreach (Page<TableEntity> page in client.QueryAsync<TableEntity>(maxPerPage: 10, cancellationToken: _ct).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Values.Count));
        List<TableEntity> all = [.. pages.SelectMany(p => p.Values)];
        Assert.Equal(
            rowKeys.Select(rk => (rk[^1] < '5' ? "a" : "b", rk)).Order(),
            all.Select(e => (e.PartitionKey, e.RowKey)));
        Assert.All(all, e => Assert.NotEqual(default, e.ETag));
        Assert.All(all, e => Assert.NotNull(e.Timestamp));
        Assert.Null(pages[^1].ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_FilterSelectAndMaxPerPage_ReturnsMatchesWithSelectedProperties()
    {
        TableClient client = await NewTableAsync();
        var at = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 12; i++)
        {
            await client.AddEntityAsync(
                new TableEntity("o'brien", $"r{i:D2}") { ["Seq"] = 9007199254740990L + i, ["At"] = at.AddDays(i), ["Other"] = "x" },
                _ct);
        }
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {"o'brien"} and Seq ge {9007199254740993L} and At lt {at.AddDays(10)}");

        List<TableEntity> found = [];
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(filter, maxPerPage: 3, select: ["RowKey", "Seq"], _ct))
        {
            found.Add(entity);
        }

        Assert.Equal(["r03", "r04", "r05", "r06", "r07", "r08", "r09"], found.Select(e => e.RowKey));
        Assert.Equal(9007199254740993L, found[0]["Seq"]);
        Assert.All(found, e => Assert.False(e.ContainsKey("Other")));
        Assert.All(found, e => Assert.False(e.ContainsKey("At")));
    }

    [Fact]
    public async Task QueryAsync_MissingTable_ThrowsTableNotFound()
    {
        var client = new TableClient(azurite.ConnectionString, azurite.NewTableName());

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (TableEntity _ in client.QueryAsync<TableEntity>(cancellationToken: _ct))
            {
            }
        });

        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task SubmitTransactionAsync_EveryActionType_AppliesAllAndReturnsTheirETags()
    {
        TableClient client = await NewTableAsync();
        ETag bETag = (await client.AddEntityAsync(new TableEntity("p", "b") { ["A"] = 1, ["B"] = 1 }, _ct)).Headers.ETag!.Value;
        await client.AddEntityAsync(new TableEntity("p", "c") { ["A"] = 1, ["B"] = 1 }, _ct);
        await client.AddEntityAsync(new TableEntity("p", "d"), _ct);
        await client.AddEntityAsync(new TableEntity("p", "f") { ["A"] = 1 }, _ct);

        Response<IReadOnlyList<Response>> result = await client.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity("p", "a") { ["A"] = 1 }),
                new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "b") { ["B"] = 2 }, bETag),
                new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "c") { ["B"] = 2 }),
                new(TableTransactionActionType.Delete, new TableEntity("p", "d")),
                new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "e") { ["B"] = 2 }),
                new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "f") { ["B"] = 2 }),
            ],
            _ct);

        Assert.Equal(6, result.Value.Count);
        Dictionary<string, TableEntity> stored = await ReadAllAsync(client);
        Assert.Equal(["a", "b", "c", "e", "f"], stored.Keys.Order());
        Assert.Equal((1, 2), (stored["b"].GetInt32("A"), stored["b"].GetInt32("B")));
        Assert.Equal((null, 2), (stored["c"].GetInt32("A"), stored["c"].GetInt32("B")));
        Assert.Equal((null, 2), (stored["f"].GetInt32("A"), stored["f"].GetInt32("B")));
        string[] written = ["a", "b", "c", null!, "e", "f"];
        for (int i = 0; i < written.Length; i++)
        {
            if (written[i] is { } rowKey)
            {
                Assert.Equal(stored[rowKey].ETag, result.Value[i].Headers.ETag);
            }
        }
    }

    [Fact]
    public async Task SubmitTransactionAsync_DuplicateAddAtIndex2_ChangesNothingAndReportsIndex2()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "c") { ["V"] = 1 }, _ct);

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => client.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, new TableEntity("p", "a")),
                    new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b")),
                    new(TableTransactionActionType.Add, new TableEntity("p", "c") { ["V"] = 2 }),
                    new(TableTransactionActionType.Add, new TableEntity("p", "d")),
                ],
                _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(2, error.FailedTransactionActionIndex);
        Dictionary<string, TableEntity> stored = await ReadAllAsync(client);
        Assert.Equal(["c"], stored.Keys);
        Assert.Equal(1, stored["c"].GetInt32("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETagUpdate_ChangesNothing()
    {
        TableClient client = await NewTableAsync();
        ETag stale = (await client.AddEntityAsync(new TableEntity("p", "x") { ["V"] = 1 }, _ct)).Headers.ETag!.Value;
        await client.UpdateEntityAsync(new TableEntity("p", "x") { ["V"] = 2 }, stale, cancellationToken: _ct);

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => client.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, new TableEntity("p", "y")),
                    new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "x") { ["V"] = 3 }, stale),
                ],
                _ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Dictionary<string, TableEntity> stored = await ReadAllAsync(client);
        Assert.Equal(["x"], stored.Keys);
        Assert.Equal(2, stored["x"].GetInt32("V"));
    }

    [Theory]
    [InlineData("it's", "o''clock")]
    [InlineData("100%", "%20%41")]
    [InlineData("with space", " lead and trail ")]
    [InlineData("héllo 日本 🎉", "Ωμέγα")]
    [InlineData("a+b", "c&d=e")]
    public async Task EntityOperations_AwkwardKeys_WorkEndToEnd(string partitionKey, string rowKey)
    {
        TableClient client = await NewTableAsync();

        await client.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 }, _ct);
        TableEntity read = (await client.GetEntityAsync<TableEntity>(partitionKey, rowKey, cancellationToken: _ct)).Value;
        await client.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, read.ETag, cancellationToken: _ct);
        await client.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateMerge, new TableEntity(partitionKey, rowKey) { ["W"] = 3 }),
                new(TableTransactionActionType.Add, new TableEntity(partitionKey, rowKey + "'2")),
            ],
            _ct);
        List<TableEntity> found = [];
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: _ct))
        {
            found.Add(entity);
        }
        await client.DeleteEntityAsync(partitionKey, rowKey, found[0].ETag, _ct);

        Assert.Equal((partitionKey, rowKey), (read.PartitionKey, read.RowKey));
        Assert.Equal([rowKey, rowKey + "'2"], found.Select(e => e.RowKey));
        Assert.Equal((2, 3), (found[0].GetInt32("V"), found[0].GetInt32("W")));
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: _ct)).HasValue);
    }

    private async Task<TableClient> NewTableAsync()
    {
        var client = new TableClient(azurite.ConnectionString, azurite.NewTableName());
        await client.CreateIfNotExistsAsync(_ct);
        return client;
    }

    private async Task<Dictionary<string, TableEntity>> ReadAllAsync(TableClient client)
    {
        var all = new Dictionary<string, TableEntity>();
        await foreach (TableEntity entity in client.QueryAsync<TableEntity>(cancellationToken: _ct))
        {
            all.Add(entity.RowKey, entity);
        }
        return all;
    }
}
