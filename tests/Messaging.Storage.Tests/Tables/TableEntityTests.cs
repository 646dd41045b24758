using Azure;
using Messaging.Storage.Tables;

namespace Messaging.Storage.Tests.Tables;

public class TableEntityTests
{
    [Fact]
    public void Indexer_MissingProperty_ReturnsNull()
    {
        var entity = new TableEntity("p", "r");

        Assert.Null(entity["Nope"]);
        Assert.Null(entity.GetString("Nope"));
        Assert.Null(entity.GetInt32("Nope"));
    }

    [Fact]
    public void Indexer_NamesDifferingInCase_AreDistinctProperties()
    {
        var entity = new TableEntity("p", "r") { ["name"] = "lower", ["Name"] = "upper" };

        Assert.Equal("lower", entity.GetString("name"));
        Assert.Equal("upper", entity.GetString("Name"));
        Assert.Equal(4, entity.Count);
    }

    [Fact]
    public void Getters_ValueOfOtherType_ThrowInvalidOperationException()
    {
        var entity = new TableEntity("p", "r") { ["Text"] = "1", ["Number"] = 1 };

        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Text"));
        Assert.Throws<InvalidOperationException>(() => entity.GetString("Number"));
        Assert.Throws<InvalidOperationException>(() => entity.GetGuid("Text"));
    }

    [Fact]
    public void Getters_CompatibleTypes_Convert()
    {
        var at = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var entity = new TableEntity("p", "r") { ["Int"] = 5, ["Long"] = 6L, ["At"] = at, ["Bytes"] = new byte[] { 1 } };

        Assert.Equal(5L, entity.GetInt64("Int"));
        Assert.Equal(5.0, entity.GetDouble("Int"));
        Assert.Equal(6.0, entity.GetDouble("Long"));
        Assert.Equal(new DateTimeOffset(at), entity.GetDateTimeOffset("At"));
        Assert.Equal(at, entity.GetDateTime("At"));
        Assert.Equal([1], entity.GetBinaryData("Bytes")!.ToArray());
    }

    [Fact]
    public void SystemProperties_SetAndCleared_LiveInTheBag()
    {
        var entity = new TableEntity("p", "r")
        {
            ETag = new ETag("W/\"1\""),
            Timestamp = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };

        Assert.Equal("W/\"1\"", entity["odata.etag"]);
        Assert.NotNull(entity["Timestamp"]);

        entity.ETag = default;
        entity.Timestamp = null;

        Assert.Equal(["PartitionKey", "RowKey"], entity.Keys);
        Assert.Equal(default, entity.ETag);
    }

    [Fact]
    public void Constructor_Dictionary_CopiesValues()
    {
        var values = new Dictionary<string, object?> { ["PartitionKey"] = "p", ["RowKey"] = "r", ["A"] = 1 };

        var entity = new TableEntity(values);
        values["A"] = 2;

        Assert.Equal(("p", "r", 1), (entity.PartitionKey, entity.RowKey, entity.GetInt32("A")));
    }

    [Fact]
    public void PartitionKey_NotSet_IsEmptyString()
    {
        var entity = new TableEntity();

        Assert.Equal(string.Empty, entity.PartitionKey);
        Assert.False(entity.ContainsKey("PartitionKey"));
    }
}
