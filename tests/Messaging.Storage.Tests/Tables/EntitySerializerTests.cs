using System.Text;
using System.Text.Json;
using Azure;
using Messaging.Storage.Tables;

namespace Messaging.Storage.Tests.Tables;

public class EntitySerializerTests
{
    [Fact]
    public void Serialize_EveryType_AnnotatesWhatJsonCannotCarryOnOneLine()
    {
        var entity = new TableEntity("p", "r")
        {
            ["S"] = "a\nb",
            ["I"] = 1,
            ["L"] = 9007199254740993L,
            ["D"] = 2.0,
            ["B"] = true,
            ["At"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)).AddTicks(1234567),
            ["Dt"] = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified),
            ["G"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            ["Bin"] = new byte[] { 1, 2, 3 },
            ["Data"] = BinaryData.FromBytes([4]),
            ["E"] = DayOfWeek.Monday,
        };

        string json = Encoding.UTF8.GetString(EntitySerializer.Serialize(entity));

        // Written with ' for readability; the JSON has ".
        string expected = string.Concat(
            "{'PartitionKey':'p','RowKey':'r','S':'a\\nb','I':1,'L@odata.type':'Edm.Int64','L':'9007199254740993',",
            "'D@odata.type':'Edm.Double','D':2,'B':true,",
            "'At@odata.type':'Edm.DateTime','At':'2024-01-02T02:04:05.1234567Z',",
            "'Dt@odata.type':'Edm.DateTime','Dt':'2024-01-02T03:04:05.0000000Z',",
            "'G@odata.type':'Edm.Guid','G':'0f8fad5b-d9cb-469f-a165-70867728950e',",
            "'Bin@odata.type':'Edm.Binary','Bin':'AQID','Data@odata.type':'Edm.Binary','Data':'BA==','E':'Monday'}").Replace('\'', '"');
        Assert.Equal(
            expected,
            json);
    }

    [Fact]
    public void Serialize_SystemAndNullProperties_LeavesThemOut()
    {
        var entity = new TableEntity("p", "r")
        {
            ETag = new ETag("W/\"1\""),
            Timestamp = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ["Null"] = null,
        };

        string json = Encoding.UTF8.GetString(EntitySerializer.Serialize(entity));

        Assert.Equal("""{"PartitionKey":"p","RowKey":"r"}""", json);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Serialize_NonFiniteDouble_WritesAnnotatedString(double value, string expected)
    {
        string json = Encoding.UTF8.GetString(EntitySerializer.Serialize(new TableEntity("p", "r") { ["D"] = value }));

        Assert.EndsWith($"\"D@odata.type\":\"Edm.Double\",\"D\":\"{expected}\"}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_UnsupportedType_ThrowsArgumentException()
    {
        var entity = new TableEntity("p", "r") { ["Bad"] = new object() };

        ArgumentException error = Assert.Throws<ArgumentException>(() => EntitySerializer.Serialize(entity));

        Assert.Contains("'Bad'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnannotatedValues_InfersJsonTypes()
    {
        using var document = JsonDocument.Parse("""{"PartitionKey":"p","RowKey":"r","I":7,"D":1.5,"E":1e3,"S":"x","B":false,"Timestamp":"2025-01-01T00:00:00Z"}""");

        TableEntity entity = EntitySerializer.Read<TableEntity>(document.RootElement);

        Assert.Equal(7, entity["I"]);
        Assert.Equal(1.5, entity["D"]);
        Assert.Equal(1000.0, entity["E"]);
        Assert.Equal("x", entity["S"]);
        Assert.Equal(false, entity["B"]);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), entity.Timestamp);
    }

    [Fact]
    public void Read_AnnotatedSpecialDouble_ParsesIt()
    {
        using var document = JsonDocument.Parse("""{"D@odata.type":"Edm.Double","D":"NaN"}""");

        TableEntity entity = EntitySerializer.Read<TableEntity>(document.RootElement);

        Assert.True(double.IsNaN(entity.GetDouble("D")!.Value));
    }
}
