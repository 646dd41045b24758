using Azure;
using Azure.Data.Tables;
using Messaging.Testing;

namespace Messaging.Storage.Tests.Sdk;

/// <summary>
/// What Azure.Data.Tables does on the real wire (Azurite) where the stores depend on it, pinned down so an SDK
/// or emulator upgrade that changes it fails here rather than in a store.
/// </summary>
public class TableSdkBehaviorTests(AzuriteFixture azurite)
{
    private const string Partition = "p";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<TableClient> NewTableAsync()
    {
        var client = new TableClient(azurite.ConnectionString, azurite.NewTableName());
        await client.CreateIfNotExistsAsync(_ct);
        return client;
    }

    [Fact]
    public async Task DeleteEntity_MissingRowOrMissingTable_BothReturn404WithoutThrowing_OnlyTheErrorCodeTellsThemApart()
    {
        TableClient client = await NewTableAsync();
        var missingTable = new TableClient(azurite.ConnectionString, azurite.NewTableName());

        Response missingRow = await client.DeleteEntityAsync(Partition, "nothing", ETag.All, _ct);
        Response noTable = await missingTable.DeleteEntityAsync(Partition, "nothing", ETag.All, _ct);

        Assert.Equal(404, missingRow.Status);
        Assert.Equal(404, noTable.Status);
        Assert.Equal("ResourceNotFound", TableErrors.ErrorCode(missingRow));
        Assert.Equal(TableErrors.TableNotFound, TableErrors.ErrorCode(noTable));
    }

    [Fact]
    public async Task GetEntityIfExists_MissingTable_HasNoValueLikeAMissingRow()
    {
        var missingTable = new TableClient(azurite.ConnectionString, azurite.NewTableName());

        NullableResponse<TableEntity> found = await missingTable.GetEntityIfExistsAsync<TableEntity>(Partition, "r", cancellationToken: _ct);

        Assert.False(found.HasValue);
        Assert.Equal(TableErrors.TableNotFound, TableErrors.ErrorCode(found.GetRawResponse()));
    }

    [Fact]
    public async Task GetEntityOrNull_MissingTable_Throws_MissingRow_IsNull()
    {
        TableClient client = await NewTableAsync();
        var missingTable = new TableClient(azurite.ConnectionString, azurite.NewTableName());

        TableEntity? row = await client.GetEntityOrNullAsync<TableEntity>(TestMetrics.Storage(), Partition, "r", null, _ct);
        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => missingTable.GetEntityOrNullAsync<TableEntity>(TestMetrics.Storage(), Partition, "r", null, _ct));

        Assert.Null(row);
        Assert.Equal(404, error.Status);
        Assert.Equal(TableErrors.TableNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Int64_RoundTripsAsLong_AndInt32StaysInt()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity(Partition, "n") { ["Big"] = long.MaxValue, ["Small"] = 5L, ["Int"] = 7 }, _ct);

        TableEntity read = (await client.GetEntityAsync<TableEntity>(Partition, "n", cancellationToken: _ct)).Value;
        TableEntity queried = Assert.Single(await ToListAsync(client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Small eq {5L}"), cancellationToken: _ct)));

        foreach (TableEntity entity in new[] { read, queried })
        {
            Assert.Equal(long.MaxValue, entity.GetInt64("Big"));
            Assert.IsType<long>(entity["Small"]);
            Assert.Equal(5L, entity.GetInt64("Small"));
            Assert.IsType<int>(entity["Int"]);
            Assert.Equal(7, entity.GetInt32("Int"));
        }
    }

    [Fact]
    public async Task DateTimeOffset_RoundTripsToTheTick_AsUtc()
    {
        TableClient client = await NewTableAsync();
        var at = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await client.AddEntityAsync(new TableEntity(Partition, "d") { ["At"] = at }, _ct);

        TableEntity read = (await client.GetEntityAsync<TableEntity>(Partition, "d", cancellationToken: _ct)).Value;

        Assert.Equal(at, read.GetDateTimeOffset("At"));
        Assert.Equal(at.UtcTicks, read.GetDateTimeOffset("At")!.Value.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("At")!.Value.Offset);
    }

    [Fact]
    public async Task Select_ReturnsOnlyTheSelectedPropertiesAndTheETag()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity(Partition, "s") { ["A"] = 1L, ["B"] = "b" }, _ct);

        TableEntity read = (await client.GetEntityIfExistsAsync<TableEntity>(Partition, "s", ["A", "Missing"], _ct)).Value!;

        Assert.Equal(1L, read.GetInt64("A"));
        Assert.False(read.ContainsKey("B"));
        Assert.Null(read.GetInt64("Missing"));
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task Transaction_AddOfAnExistingRow_Fails409AtItsIndex_AndAppliesNothing()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity(Partition, "taken"), _ct);

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => client.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity(Partition, "new")),
                new(TableTransactionActionType.Add, new TableEntity(Partition, "taken")),
            ],
            _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>(Partition, "new", cancellationToken: _ct)).HasValue);
    }

    [Fact]
    public async Task Transaction_MergeWithAStaleETag_Fails412AtItsIndex()
    {
        TableClient client = await NewTableAsync();
        Response added = await client.AddEntityAsync(new TableEntity(Partition, "row") { ["V"] = 1L }, _ct);
        await client.UpdateEntityAsync(new TableEntity(Partition, "row") { ["V"] = 2L }, ETag.All, TableUpdateMode.Merge, _ct);

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => client.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, "row") { ["V"] = 3L }, added.Headers.ETag!.Value),
                new(TableTransactionActionType.Add, new TableEntity(Partition, "other")),
            ],
            _ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(0, error.FailedTransactionActionIndex);
        Assert.Equal(2L, (await client.GetEntityAsync<TableEntity>(Partition, "row", cancellationToken: _ct)).Value.GetInt64("V"));
    }

    [Fact]
    public async Task Transaction_MergeOfAMissingRow_Fails404AtItsIndex()
    {
        TableClient client = await NewTableAsync();

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => client.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity(Partition, "first")),
                new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, "missing") { ["V"] = 1L }, new ETag("W/\"datetime'2026-01-01T00%3A00%3A00Z'\"")),
            ],
            _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
    }

    [Fact]
    public async Task QueryFilter_QuotesAndDates_AreEscapedAndCompare()
    {
        TableClient client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity(Partition, "it's") { ["At"] = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }, _ct);
        string rowKey = "it's";
        var after = new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.FromHours(2)); // 2025-12-31T23:00Z, before At

        List<TableEntity> found = await ToListAsync(client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {rowKey} and At gt {after}"), cancellationToken: _ct));

        Assert.Equal("it's", Assert.Single(found).RowKey);
    }

    private static async Task<List<T>> ToListAsync<T>(AsyncPageable<T> pages)
        where T : notnull
    {
        var list = new List<T>();
        await foreach (T item in pages)
        {
            list.Add(item);
        }
        return list;
    }
}
