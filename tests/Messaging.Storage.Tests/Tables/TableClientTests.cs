using System.Net;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Messaging.Storage.Tables;

namespace Messaging.Storage.Tests.Tables;

/// <summary>The client against a fake transport: what goes on the wire, and how answers are read.</summary>
public sealed class TableClientTests : IDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string XmsDate = "Wed, 01 Jan 2025 12:00:00 GMT";
    private const string WeakETag = "W/\"datetime'2025-01-01T12%3A00%3A00.1234567Z'\"";
    private static readonly Uri AzuriteEndpoint = new("http://127.0.0.1:10002/devstoreaccount1");

    private readonly StubHandler _handler = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddEntityAsync_Entity_PostsOneLineJsonWithProtocolHeaders()
    {
        TableClient client = CreateClient();
        var entity = new TableEntity("p1", "r1") { ["Qty"] = 3, ["Big"] = 9007199254740993L };

        await client.AddEntityAsync(entity, _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/orders", request.Uri.AbsoluteUri);
        Assert.Equal(XmsDate, request.Header("x-ms-date"));
        Assert.Equal("2019-02-02", request.Header("x-ms-version"));
        Assert.Equal("application/json;odata=minimalmetadata", request.Header("Accept"));
        Assert.Equal("3.0", request.Header("DataServiceVersion"));
        Assert.Equal("3.0;NetFx", request.Header("MaxDataServiceVersion"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("return-no-content", request.Header("Prefer"));
        Assert.Null(request.Header("If-Match"));
        Assert.Equal(
            """{"PartitionKey":"p1","RowKey":"r1","Qty":3,"Big@odata.type":"Edm.Int64","Big":"9007199254740993"}""",
            request.Body);
    }

    [Fact]
    public async Task AddEntityAsync_SharedKey_SignsAsTheProtocolDocSays()
    {
        TableClient client = CreateClient();

        await client.AddEntityAsync(new TableEntity("p1", "r1"), _ct);

        RecordedRequest request = _handler.Single;
        Assert.StartsWith("SharedKey devstoreaccount1:", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(SharedKeyReference.For(request, Account, Key), request.Header("Authorization"));
    }

    [Fact]
    public async Task QueryAsync_SharedKey_MatchesSignatureComputedOutsideDotNet()
    {
        // Computed with Python's hmac over "GET\n\n\n{date}\n/devstoreaccount1/devstoreaccount1/orders()".
        TableClient client = CreateClient();
        _handler.Respond(HttpStatusCode.OK, Page());

        await foreach (TableEntity _ in client.QueryAsync<TableEntity>(cancellationToken: _ct))
        {
        }

        Assert.Equal("SharedKey devstoreaccount1:0AB2cpoRpcglaW7fVtCqAtpG0XmHDmFGQ/DOaLwpOkE=", _handler.Single.Header("Authorization"));
    }

    [Fact]
    public async Task GetEntityAsync_SharedKey_SignsWithEmptyContentTypeAndAccountTwice()
    {
        TableClient client = CreateClient();
        _handler.Respond(HttpStatusCode.OK, """{"PartitionKey":"p","RowKey":"r"}""", ("ETag", WeakETag));

        await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct);

        RecordedRequest request = _handler.Single;
        Assert.Null(request.Header("Content-Type"));
        Assert.Equal(SharedKeyReference.For(request, Account, Key), request.Header("Authorization"));
        Assert.Equal("/devstoreaccount1/orders(PartitionKey='p',RowKey='r')", request.Uri.AbsolutePath);
    }

    [Fact]
    public async Task GetEntityAsync_AzureEndpoint_UsesHostAccountAndSignsSinglePath()
    {
        TableClient client = CreateClient(new Uri("https://myaccount.table.core.windows.net"), "myaccount");
        _handler.Respond(HttpStatusCode.OK, """{"PartitionKey":"p","RowKey":"r"}""", ("ETag", WeakETag));

        await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal("https://myaccount.table.core.windows.net/orders(PartitionKey='p',RowKey='r')", request.Uri.AbsoluteUri);
        Assert.Equal(SharedKeyReference.For(request, "myaccount", Key), request.Header("Authorization"));
    }

    [Theory]
    [InlineData("it's", "/devstoreaccount1/orders(PartitionKey='it%27%27s',RowKey='r')")]
    [InlineData("100% a b", "/devstoreaccount1/orders(PartitionKey='100%25%20a%20b',RowKey='r')")]
    [InlineData("a+b&c=d", "/devstoreaccount1/orders(PartitionKey='a%2Bb%26c%3Dd',RowKey='r')")]
    [InlineData("é日本", "/devstoreaccount1/orders(PartitionKey='%C3%A9%E6%97%A5%E6%9C%AC',RowKey='r')")]
    public async Task GetEntityAsync_SpecialKey_DoublesQuotesThenPercentEncodes(string partitionKey, string expectedPath)
    {
        TableClient client = CreateClient();
        _handler.Respond(HttpStatusCode.OK, """{"PartitionKey":"p","RowKey":"r"}""", ("ETag", WeakETag));

        await client.GetEntityAsync<TableEntity>(partitionKey, "r", cancellationToken: _ct);

        Assert.Equal(expectedPath, _handler.Single.Uri.AbsolutePath);
    }

    [Fact]
    public async Task GetEntityAsync_Select_SendsSelectQuery()
    {
        TableClient client = CreateClient();
        _handler.Respond(HttpStatusCode.OK, """{"PartitionKey":"p","RowKey":"r"}""", ("ETag", WeakETag));

        await client.GetEntityAsync<TableEntity>("p", "r", ["Qty", "Name"], _ct);

        Assert.Equal("?$select=Qty%2CName", _handler.Single.Uri.Query);
    }

    [Fact]
    public async Task GetEntityAsync_MinimalMetadataBody_ReadsTypedValuesETagAndTimestamp()
    {
        TableClient client = CreateClient();
        _handler.Respond(
            HttpStatusCode.OK,
            """
            {"odata.metadata":"http://x/$metadata#orders/@Element","odata.etag":"W/\"other\"","PartitionKey":"p","RowKey":"r",
            "Timestamp@odata.type":"Edm.DateTime","Timestamp":"2025-01-01T12:00:00.1234567Z",
            "Qty":3,"Price@odata.type":"Edm.Double","Price":2,"Ratio":0.5,"Ok":true,"Name":"n",
            "Big@odata.type":"Edm.Int64","Big":"9007199254740993",
            "At@odata.type":"Edm.DateTime","At":"2024-01-02T03:04:05.1234567Z",
            "Id@odata.type":"Edm.Guid","Id":"0f8fad5b-d9cb-469f-a165-70867728950e",
            "Raw@odata.type":"Edm.Binary","Raw":"AQID"}
            """,
            ("ETag", WeakETag));

        TableEntity entity = (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct)).Value;

        Assert.Equal(new ETag(WeakETag), entity.ETag);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.Equal(3, entity.GetInt32("Qty"));
        Assert.Equal(2.0, entity["Price"]);
        Assert.Equal(0.5, entity.GetDouble("Ratio"));
        Assert.True(entity.GetBoolean("Ok"));
        Assert.Equal("n", entity.GetString("Name"));
        Assert.Equal(9007199254740993L, entity["Big"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567), entity.GetDateTimeOffset("At"));
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), entity.GetGuid("Id"));
        Assert.Equal([1, 2, 3], entity.GetBinary("Raw"));
        Assert.False(entity.ContainsKey("odata.metadata"));
        Assert.False(entity.ContainsKey("Big@odata.type"));
    }

    [Fact]
    public async Task GetEntityAsync_NotFound_ThrowsWithErrorCode()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.NotFound, "ResourceNotFound", "The specified resource does not exist.");

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.StartsWith("The specified resource does not exist.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_ResourceNotFound_HasNoValue()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.NotFound, "ResourceNotFound");

        NullableResponse<TableEntity> response = await client.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: _ct);

        Assert.False(response.HasValue);
        Assert.Equal(404, response.GetRawResponse().Status);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_TableNotFound_Throws()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.NotFound, "TableNotFound");

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: _ct));

        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task AddEntityAsync_Conflict_ThrowsWithErrorCode()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.Conflict, "EntityAlreadyExists", "The specified entity already exists.");

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.AddEntityAsync(new TableEntity("p", "r"), _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task AddEntityAsync_XmlError_TakesCodeFromHeader()
    {
        TableClient client = CreateClient();
        _handler.Respond(HttpStatusCode.Forbidden, "<?xml version=\"1.0\"?><Error/>", ("x-ms-error-code", "AuthenticationFailed"));

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.AddEntityAsync(new TableEntity("p", "r"), _ct));

        Assert.Equal("AuthenticationFailed", error.ErrorCode);
    }

    [Fact]
    public async Task AddEntityAsync_MissingRowKey_ThrowsArgumentExceptionWithoutSending()
    {
        TableClient client = CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.AddEntityAsync(new TableEntity { PartitionKey = "p" }, _ct));

        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData(TableUpdateMode.Merge, "MERGE")]
    [InlineData(TableUpdateMode.Replace, "PUT")]
    public async Task UpdateEntityAsync_Mode_SendsMethodAndIfMatch(TableUpdateMode mode, string method)
    {
        TableClient client = CreateClient();
        var entity = new TableEntity("p", "r") { ["Qty"] = 1 };

        await client.UpdateEntityAsync(entity, new ETag(WeakETag), mode, _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal(method, request.Method);
        Assert.Equal(WeakETag, request.Header("If-Match"));
        Assert.Equal("/devstoreaccount1/orders(PartitionKey='p',RowKey='r')", request.Uri.AbsolutePath);
        Assert.Equal(SharedKeyReference.For(request, Account, Key), request.Header("Authorization"));
    }

    [Fact]
    public async Task UpdateEntityAsync_ETagAll_SendsStar()
    {
        TableClient client = CreateClient();

        await client.UpdateEntityAsync(new TableEntity("p", "r"), ETag.All, cancellationToken: _ct);

        Assert.Equal("*", _handler.Single.Header("If-Match"));
    }

    [Fact]
    public async Task UpdateEntityAsync_DefaultETag_ThrowsArgumentException()
    {
        TableClient client = CreateClient();

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(
            () => client.UpdateEntityAsync(new TableEntity("p", "r"), default, cancellationToken: _ct));

        Assert.Equal("ifMatch", error.ParamName);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_ThrowsPreconditionFailed()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.PreconditionFailed, "UpdateConditionNotSatisfied");

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.UpdateEntityAsync(new TableEntity("p", "r"), new ETag(WeakETag), cancellationToken: _ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
    }

    [Theory]
    [InlineData(TableUpdateMode.Merge, "MERGE")]
    [InlineData(TableUpdateMode.Replace, "PUT")]
    public async Task UpsertEntityAsync_Mode_SendsMethodWithoutIfMatch(TableUpdateMode mode, string method)
    {
        TableClient client = CreateClient();

        await client.UpsertEntityAsync(new TableEntity("p", "r") { ["Qty"] = 1 }, mode, _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal(method, request.Method);
        Assert.Null(request.Header("If-Match"));
        Assert.Equal("""{"PartitionKey":"p","RowKey":"r","Qty":1}""", request.Body);
    }

    [Fact]
    public async Task DeleteEntityAsync_DefaultETag_SendsIfMatchStar()
    {
        TableClient client = CreateClient();

        await client.DeleteEntityAsync("p", "r", cancellationToken: _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("*", request.Header("If-Match"));
        Assert.Equal(SharedKeyReference.For(request, Account, Key), request.Header("Authorization"));
    }

    [Fact]
    public async Task DeleteEntityAsync_ETag_SendsItAsIfMatch()
    {
        TableClient client = CreateClient();

        await client.DeleteEntityAsync("p", "r", new ETag(WeakETag), _ct);

        Assert.Equal(WeakETag, _handler.Single.Header("If-Match"));
    }

    [Fact]
    public async Task DeleteEntityAsync_MissingEntity_ReturnsNotFoundResponse()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.NotFound, "ResourceNotFound");

        Response response = await client.DeleteEntityAsync("p", "r", cancellationToken: _ct);

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_NewTable_PostsTableName()
    {
        TableClient client = CreateClient();

        await client.CreateIfNotExistsAsync(_ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/devstoreaccount1/Tables", request.Uri.AbsolutePath);
        Assert.Equal("""{"TableName":"orders"}""", request.Body);
        // Computed with Python's hmac over "POST\n\napplication/json\n{date}\n/devstoreaccount1/devstoreaccount1/Tables".
        Assert.Equal("SharedKey devstoreaccount1:X0H6e0/PE/TZwRTaVWougokXj9QMY/Am4i/t1ujkB/s=", request.Header("Authorization"));
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_TableAlreadyExists_ReturnsConflictResponse()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.Conflict, "TableAlreadyExists");

        Response response = await client.CreateIfNotExistsAsync(_ct);

        Assert.Equal(409, response.Status);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_TableBeingDeleted_Throws()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.Conflict, "TableBeingDeleted");

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateIfNotExistsAsync(_ct));

        Assert.Equal("TableBeingDeleted", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteAsync_MissingTable_ReturnsNotFoundResponse()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.NotFound, "ResourceNotFound");

        Response response = await client.DeleteAsync(_ct);

        Assert.Equal(404, response.Status);
        Assert.Equal("/devstoreaccount1/Tables('orders')", _handler.Single.Uri.AbsolutePath);
    }

    [Fact]
    public async Task QueryAsync_Continuations_FollowsBothHeadersAndEmptyPages()
    {
        TableClient client = CreateClient();
        _handler
            .Respond(HttpStatusCode.OK, Page("a", "b"), ("x-ms-continuation-NextPartitionKey", "cDE="), ("x-ms-continuation-NextRowKey", "cjE="))
            .Respond(HttpStatusCode.OK, Page(), ("x-ms-continuation-NextPartitionKey", "cDI="))
            .Respond(HttpStatusCode.OK, Page("c"));

        List<Page<TableEntity>> pages = [];
        await foreach (Page<TableEntity> page in client.QueryAsync<TableEntity>("Qty gt 1", maxPerPage: 2, select: ["Qty"], _ct).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([2, 0, 1], pages.Select(p => p.Values.Count));
        Assert.Equal(["a", "b", "c"], pages.SelectMany(p => p.Values).Select(e => e.RowKey));
        Assert.All(pages.SelectMany(p => p.Values), e => Assert.Equal(new ETag("W/\"e\""), e.ETag));
        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal("/devstoreaccount1/orders()", _handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal("?$filter=Qty%20gt%201&$select=Qty&$top=2", _handler.Requests[0].Uri.Query);
        Assert.Equal("?$filter=Qty%20gt%201&$select=Qty&$top=2&NextPartitionKey=cDE%3D&NextRowKey=cjE%3D", _handler.Requests[1].Uri.Query);
        Assert.Equal("?$filter=Qty%20gt%201&$select=Qty&$top=2&NextPartitionKey=cDI%3D", _handler.Requests[2].Uri.Query);
        Assert.All(_handler.Requests, r => Assert.Equal(SharedKeyReference.For(r, Account, Key), r.Header("Authorization")));
    }

    [Fact]
    public async Task QueryAsync_NonPositiveMaxPerPage_Throws()
    {
        TableClient client = CreateClient();

        Assert.Throws<ArgumentOutOfRangeException>(() => client.QueryAsync<TableEntity>(maxPerPage: 0, cancellationToken: _ct));

        await Task.CompletedTask;
    }

    [Fact]
    public async Task SubmitTransactionAsync_Actions_SendsOneChangesetWithAbsoluteUrls()
    {
        TableClient client = CreateClient();
        _handler.Respond(HttpStatusCode.Accepted, BatchBody(NoContent("1"), NoContent("2"), NoContent("3"), NoContent("4")), BatchContentType);

        await client.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity("p", "a") { ["Qty"] = 1 }),
                new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "b"), new ETag(WeakETag)),
                new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "c")),
                new(TableTransactionActionType.Delete, new TableEntity("p", "it's")),
            ],
            _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/$batch", request.Uri.AbsoluteUri);
        string contentType = request.Header("Content-Type")!;
        Assert.StartsWith("multipart/mixed; boundary=batch_", contentType, StringComparison.Ordinal);
        Assert.Equal(SharedKeyReference.For(request, Account, Key), request.Header("Authorization"));
        string batch = contentType["multipart/mixed; boundary=".Length..];
        string changeset = request.Body!.Split("\r\n")[1]["Content-Type: multipart/mixed; boundary=".Length..];
        Assert.StartsWith("changeset_", changeset, StringComparison.Ordinal);
        string url = "http://127.0.0.1:10002/devstoreaccount1/orders";
        string expected = string.Join(
            "\r\n",
            $"--{batch}",
            $"Content-Type: multipart/mixed; boundary={changeset}",
            "",
            $"--{changeset}",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            $"POST {url} HTTP/1.1",
            "Content-Type: application/json",
            "Accept: application/json;odata=minimalmetadata",
            "Prefer: return-no-content",
            "",
            """{"PartitionKey":"p","RowKey":"a","Qty":1}""",
            $"--{changeset}",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            $"MERGE {url}(PartitionKey='p',RowKey='b') HTTP/1.1",
            "Content-Type: application/json",
            "Accept: application/json;odata=minimalmetadata",
            $"If-Match: {WeakETag}",
            "",
            """{"PartitionKey":"p","RowKey":"b"}""",
            $"--{changeset}",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            $"PUT {url}(PartitionKey='p',RowKey='c') HTTP/1.1",
            "Content-Type: application/json",
            "Accept: application/json;odata=minimalmetadata",
            "",
            """{"PartitionKey":"p","RowKey":"c"}""",
            $"--{changeset}",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            $"DELETE {url}(PartitionKey='p',RowKey='it%27%27s') HTTP/1.1",
            "Accept: application/json;odata=minimalmetadata",
            "If-Match: *",
            "",
            $"--{changeset}--",
            $"--{batch}--",
            "");
        Assert.Equal(expected, request.Body);
    }

    [Fact]
    public async Task SubmitTransactionAsync_Success_ReturnsOneResponsePerActionWithETag()
    {
        TableClient client = CreateClient();
        _handler.Respond(HttpStatusCode.Accepted, BatchBody(NoContent("1"), NoContent("2")), BatchContentType);

        Response<IReadOnlyList<Response>> result = await client.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, new TableEntity("p", "a")), new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "b"))],
            _ct);

        Assert.Equal(202, result.GetRawResponse().Status);
        Assert.Equal(2, result.Value.Count);
        Assert.All(result.Value, r => Assert.Equal(204, r.Status));
        Assert.Equal(new ETag("W/\"1\""), result.Value[0].Headers.ETag);
        Assert.Equal(new ETag("W/\"2\""), result.Value[1].Headers.ETag);
    }

    [Fact]
    public async Task SubmitTransactionAsync_OperationFails_ThrowsWithIndexAndErrorCode()
    {
        TableClient client = CreateClient();
        string failure = string.Join(
            "\r\n",
            "HTTP/1.1 409 Conflict",
            "X-Content-Type-Options: nosniff",
            "Content-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
            "",
            """{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"2:The specified entity already exists.\nRequestId:1\nTime:2025-01-01T12:00:00Z"}}}""");
        _handler.Respond(HttpStatusCode.Accepted, BatchBody(failure), BatchContentType);

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => client.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, new TableEntity("p", "a")),
                    new(TableTransactionActionType.Add, new TableEntity("p", "b")),
                    new(TableTransactionActionType.Add, new TableEntity("p", "c")),
                ],
                _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(2, error.FailedTransactionActionIndex);
    }

    [Fact]
    public async Task SubmitTransactionAsync_BatchRejected_ThrowsWithoutIndex()
    {
        TableClient client = CreateClient();
        _handler.RespondError(HttpStatusCode.BadRequest, "InvalidInput", "Bad batch.");

        TableTransactionFailedException error = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => client.SubmitTransactionAsync([new(TableTransactionActionType.Add, new TableEntity("p", "a"))], _ct));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidInput", error.ErrorCode);
        Assert.Null(error.FailedTransactionActionIndex);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task SubmitTransactionAsync_WrongActionCount_ThrowsArgumentException(int count)
    {
        TableClient client = CreateClient();
        TableTransactionAction[] actions = [.. Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}")))];

        await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitTransactionAsync(actions, _ct));

        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public void CreateQueryFilter_Values_FormatsODataLiterals()
    {
        string pk = "it's";
        long big = 9007199254740993L;
        var at = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {pk} and Big eq {big} and Qty ge {3} and Ok eq {true} and At lt {at} and Id eq {id} and Ratio gt {0.5}");

        Assert.Equal(
            "PartitionKey eq 'it''s' and Big eq 9007199254740993L and Qty ge 3 and Ok eq true"
            + " and At lt datetime'2024-01-02T01:04:05.0000000Z' and Id eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and Ratio gt 0.5",
            filter);
    }

    [Fact]
    public async Task Constructor_TokenCredential_SendsBearerToken()
    {
        var client = new TableClient(new Uri("https://myaccount.table.core.windows.net"), "orders", new StaticTokenCredential(), Options());

        await client.DeleteEntityAsync("p", "r", cancellationToken: _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal("Bearer token-for-https://storage.azure.com/.default", request.Header("Authorization"));
        Assert.Equal(XmsDate, request.Header("x-ms-date"));
        Assert.Equal("myaccount", client.AccountName);
    }

    [Fact]
    public async Task Constructor_SasConnectionString_AppendsSasAndSendsNoAuthorization()
    {
        var client = new TableClient(
            "TableEndpoint=https://myaccount.table.core.windows.net/;SharedAccessSignature=sv=2019-02-02&tn=orders&sig=a%2Bb%3D",
            "orders",
            Options());

        await client.DeleteEntityAsync("p", "r", cancellationToken: _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal(
            "https://myaccount.table.core.windows.net/orders(PartitionKey='p',RowKey='r')?sv=2019-02-02&tn=orders&sig=a%2Bb%3D",
            request.Uri.AbsoluteUri);
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task Constructor_PathStyleConnectionString_KeepsAccountSegment()
    {
        var client = new TableClient(
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};TableEndpoint=http://127.0.0.1:54321/devstoreaccount1;",
            "orders",
            Options());

        await client.DeleteEntityAsync("p", "r", cancellationToken: _ct);

        RecordedRequest request = _handler.Single;
        Assert.Equal("http://127.0.0.1:54321/devstoreaccount1/orders(PartitionKey='p',RowKey='r')", request.Uri.AbsoluteUri);
        Assert.Equal(SharedKeyReference.For(request, Account, Key), request.Header("Authorization"));
        Assert.Equal(new Uri("http://127.0.0.1:54321/devstoreaccount1/orders"), client.Uri);
        Assert.Equal(Account, client.AccountName);
    }

    [Fact]
    public async Task DeleteEntityAsync_Retried_RestampsDateAndResignsEachAttempt()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero)) { Step = TimeSpan.FromSeconds(1) };
        TableClientOptions options = Options(clock);
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var client = new TableClient(AzuriteEndpoint, "orders", new TableSharedKeyCredential(Account, Key), options);
        _handler.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.NoContent);

        await client.DeleteEntityAsync("p", "r", cancellationToken: _ct);

        Assert.Equal(2, _handler.Requests.Count);
        Assert.NotEqual(_handler.Requests[0].Header("x-ms-date"), _handler.Requests[1].Header("x-ms-date"));
        Assert.All(_handler.Requests, r => Assert.Equal(SharedKeyReference.For(r, Account, Key), r.Header("Authorization")));
    }

    public void Dispose() => _handler.Dispose();

    private TableClient CreateClient(Uri? endpoint = null, string account = Account) =>
        new(endpoint ?? AzuriteEndpoint, "orders", new TableSharedKeyCredential(account, Key), Options());

    private TableClientOptions Options(TimeProvider? clock = null)
    {
        var options = new TableClientOptions
        {
            Transport = new HttpClientTransport(_handler),
            TimeProvider = clock ?? new ManualTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero)),
        };
        options.Retry.MaxRetries = 0;
        return options;
    }

    private static string Page(params string[] rowKeys) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["odata.metadata"] = "http://x/$metadata#orders",
            ["value"] = rowKeys.Select(rk => new Dictionary<string, string> { ["odata.etag"] = "W/\"e\"", ["PartitionKey"] = "p", ["RowKey"] = rk }).ToArray(),
        });

    private static readonly (string, string) BatchContentType = ("Content-Type", "multipart/mixed; boundary=batchresponse_b1");

    private static string NoContent(string etag) => string.Join(
        "\r\n",
        "HTTP/1.1 204 No Content",
        "X-Content-Type-Options: nosniff",
        "Cache-Control: no-cache",
        "DataServiceVersion: 1.0;",
        $"ETag: W/\"{etag}\"",
        "",
        "");

    private static string BatchBody(params string[] operations)
    {
        var body = new System.Text.StringBuilder();
        body.Append("--batchresponse_b1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_c1\r\n\r\n");
        foreach (string operation in operations)
        {
            body.Append("--changesetresponse_c1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .Append(operation)
                .Append("\r\n");
        }
        body.Append("--changesetresponse_c1--\r\n--batchresponse_b1--\r\n");
        return body.ToString();
    }

    private sealed class StaticTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token-for-" + string.Join(" ", requestContext.Scopes), DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
