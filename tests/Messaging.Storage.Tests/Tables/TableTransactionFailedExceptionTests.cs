using Azure;
using Messaging.Storage.Tables;

namespace Messaging.Storage.Tests.Tables;

public class TableTransactionFailedExceptionTests
{
    [Fact]
    public void Constructor_MessageWithLeadingIndex_ExposesIndexStatusAndCode()
    {
        var inner = new RequestFailedException(409, "7:The specified entity already exists.", "EntityAlreadyExists", null);

        var error = new TableTransactionFailedException(inner);

        Assert.Equal(7, error.FailedTransactionActionIndex);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(409, error.Status);
    }

    [Theory]
    [InlineData("The batch request body is malformed.")]
    [InlineData("x:not an index")]
    [InlineData(":no digits")]
    public void Constructor_MessageWithoutIndex_HasNoIndex(string message)
    {
        var error = new TableTransactionFailedException(new RequestFailedException(400, message, "InvalidInput", null));

        Assert.Null(error.FailedTransactionActionIndex);
    }
}
