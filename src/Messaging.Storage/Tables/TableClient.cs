using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Messaging.Storage.Tables;

/// <summary>
/// A client for one table, on Azure.Core's HTTP pipeline (retries, diagnostics, transport from
/// <see cref="TableClientOptions"/>). Its public surface mirrors <c>Azure.Data.Tables.TableClient</c> so callers can
/// move to that package by changing a <c>using</c>.
/// </summary>
/// <remarks>
/// Failures throw <see cref="RequestFailedException"/> whose <see cref="RequestFailedException.ErrorCode"/> is the
/// service's error code (<c>EntityAlreadyExists</c>, <c>UpdateConditionNotSatisfied</c>, <c>ResourceNotFound</c>,
/// <c>TableNotFound</c>...). Requests ask for <c>application/json;odata=minimalmetadata</c>, so values come back typed.
/// </remarks>
public partial class TableClient
{
    /// <summary>The Entra ID scope for Table Storage.</summary>
    internal const string StorageScope = "https://storage.azure.com/.default";

    private const string AcceptValue = "application/json;odata=minimalmetadata";
    private const string JsonContentType = "application/json";
    private const string TableNotFound = "TableNotFound";
    private static readonly RequestMethod MergeMethod = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint; // the table path is appended per request, so Azurite's /devstoreaccount1 survives
    private readonly string? _sharedAccessSignature;
    private readonly string _version;

    /// <summary>For test doubles: leaves the client unusable; override the members the test needs.</summary>
    protected TableClient()
    {
        _pipeline = null!;
        _endpoint = null!;
        _version = null!;
        Name = string.Empty;
        AccountName = string.Empty;
        Uri = null!;
    }

    /// <summary>Creates a client from a storage connection string.</summary>
    /// <param name="connectionString">
    /// <c>UseDevelopmentStorage=true</c>, <c>DefaultEndpointsProtocol=..;AccountName=..;AccountKey=..;EndpointSuffix=..</c>,
    /// either with <c>TableEndpoint=..</c>, or <c>TableEndpoint=..;SharedAccessSignature=..</c>.
    /// </param>
    /// <param name="tableName">The table; it need not exist yet (see <see cref="CreateIfNotExistsAsync"/>).</param>
    /// <param name="options">Pipeline options; <c>null</c> for the defaults.</param>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    /// <exception cref="FormatException">The connection string is malformed or incomplete.</exception>
    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
        : this(TableConnectionString.Parse(connectionString), tableName, options)
    {
    }

    /// <summary>Creates a client that authorizes with an account key (Shared Key).</summary>
    /// <param name="endpoint">The Table endpoint, e.g. <c>https://account.table.core.windows.net</c> or <c>http://127.0.0.1:10002/devstoreaccount1</c>.</param>
    /// <param name="tableName">The table; it need not exist yet.</param>
    /// <param name="credential">The account name and key.</param>
    /// <param name="options">Pipeline options; <c>null</c> for the defaults.</param>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    public TableClient(Uri endpoint, string tableName, TableSharedKeyCredential credential, TableClientOptions? options = null)
        : this(
            endpoint,
            tableName,
            (credential ?? throw new ArgumentNullException(nameof(credential))).AccountName,
            new SharedKeyAuthenticationPolicy(credential),
            null,
            options)
    {
    }

    /// <summary>Creates a client that authorizes with Entra ID tokens (scope <c>https://storage.azure.com/.default</c>; HTTPS only).</summary>
    /// <param name="endpoint">The Table endpoint, e.g. <c>https://account.table.core.windows.net</c>.</param>
    /// <param name="tableName">The table; it need not exist yet.</param>
    /// <param name="credential">The token source, e.g. <c>DefaultAzureCredential</c>.</param>
    /// <param name="options">Pipeline options; <c>null</c> for the defaults.</param>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    public TableClient(Uri endpoint, string tableName, TokenCredential credential, TableClientOptions? options = null)
        : this(
            endpoint,
            tableName,
            null,
            new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), StorageScope),
            null,
            options)
    {
    }

    private TableClient(TableConnectionString connection, string tableName, TableClientOptions? options)
        : this(
            connection.Endpoint,
            tableName,
            connection.AccountName,
            connection.Credential is null ? null : new SharedKeyAuthenticationPolicy(connection.Credential),
            connection.SharedAccessSignature,
            options)
    {
    }

    private TableClient(
        Uri endpoint, string tableName, string? accountName, HttpPipelinePolicy? authentication, string? sharedAccessSignature, TableClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        options ??= new TableClientOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.Version, nameof(options));

        _endpoint = endpoint;
        _sharedAccessSignature = sharedAccessSignature;
        _version = options.Version;
        Name = tableName;
        AccountName = accountName ?? TableConnectionString.AccountNameFrom(endpoint);
        Uri = new Uri(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + Uri.EscapeDataString(tableName));

        var pipelineOptions = new HttpPipelineOptions(options) { RequestFailedDetailsParser = ODataErrorParser.Instance };
        pipelineOptions.PerRetryPolicies.Add(new DateHeaderPolicy(options.TimeProvider));
        if (authentication is not null)
        {
            pipelineOptions.PerRetryPolicies.Add(authentication);
        }
        _pipeline = HttpPipelineBuilder.Build(pipelineOptions);
    }

    /// <summary>The table name.</summary>
    public virtual string Name { get; }

    /// <summary>The storage account name.</summary>
    public virtual string AccountName { get; }

    /// <summary>The table's URI (endpoint plus table name, without any SAS).</summary>
    public virtual Uri Uri { get; }

    /// <summary>Creates the table unless it exists. An existing table (409 <c>TableAlreadyExists</c>) is success.</summary>
    /// <returns>The service's response: 204 when created, 409 when it already existed.</returns>
    /// <exception cref="RequestFailedException">Any other failure.</exception>
    public virtual async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, EntitySerializer.SerializeTableName(Name));
        Response response = await SendAsync(message, cancellationToken);
        return response.Status switch
        {
            201 or 204 => response,
            409 when ODataErrorParser.ErrorCode(response) == "TableAlreadyExists" => response,
            _ => throw new RequestFailedException(response),
        };
    }

    /// <summary>Deletes the table. A missing table (404) is success.</summary>
    /// <exception cref="RequestFailedException">Any other failure.</exception>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateMessage(RequestMethod.Delete, $"/Tables('{Uri.EscapeDataString(Name)}')");
        Response response = await SendAsync(message, cancellationToken);
        return response.Status is 204 or 404 ? response : throw new RequestFailedException(response);
    }

    /// <summary>Inserts an entity.</summary>
    /// <returns>The response; its <c>ETag</c> header is the new entity's ETag.</returns>
    /// <exception cref="ArgumentException">The entity lacks a key or holds an unsupported value.</exception>
    /// <exception cref="RequestFailedException">409 <c>EntityAlreadyExists</c> if it exists; any other failure.</exception>
    public virtual async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : TableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        using HttpMessage message = CreateMessage(RequestMethod.Post, TablePath());
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, EntitySerializer.Serialize(entity));
        Response response = await SendAsync(message, cancellationToken);
        return response.Status is 201 or 204 ? response : throw new RequestFailedException(response);
    }

    /// <summary>Reads an entity.</summary>
    /// <param name="partitionKey">Its partition key.</param>
    /// <param name="rowKey">Its row key.</param>
    /// <param name="select">Properties to return; <c>null</c> (default) for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity, with <see cref="ITableEntity.ETag"/> and <see cref="ITableEntity.Timestamp"/> set.</returns>
    /// <exception cref="RequestFailedException">404 if the entity or table is missing; any other failure.</exception>
    public virtual async Task<Response<T>> GetEntityAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : TableEntity, new()
    {
        using HttpMessage message = CreateEntityMessage(RequestMethod.Get, partitionKey, rowKey, select);
        Response response = await SendAsync(message, cancellationToken);
        return response.Status == 200
            ? Response.FromValue(ReadEntity<T>(response), response)
            : throw new RequestFailedException(response);
    }

    /// <summary>Reads an entity if it exists.</summary>
    /// <param name="partitionKey">Its partition key.</param>
    /// <param name="rowKey">Its row key.</param>
    /// <param name="select">Properties to return; <c>null</c> (default) for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity, or a response whose <see cref="NullableResponse{T}.HasValue"/> is false when it does not exist.</returns>
    /// <exception cref="RequestFailedException">
    /// 404 <c>TableNotFound</c>: a missing table is a setup error, not a missing entity. Any other failure.
    /// </exception>
    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : TableEntity, new()
    {
        using HttpMessage message = CreateEntityMessage(RequestMethod.Get, partitionKey, rowKey, select);
        Response response = await SendAsync(message, cancellationToken);
        return response.Status switch
        {
            200 => Response.FromValue(ReadEntity<T>(response), response),
            404 when ODataErrorParser.ErrorCode(response) != TableNotFound => new NoValueResponse<T>(response),
            _ => throw new RequestFailedException(response),
        };
    }

    /// <summary>Inserts the entity, or updates it if it exists, whatever its version.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="mode">
    /// <see cref="TableUpdateMode.Merge"/> (default) keeps stored properties the entity lacks;
    /// <see cref="TableUpdateMode.Replace"/> drops them.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response; its <c>ETag</c> header is the entity's new ETag.</returns>
    /// <exception cref="ArgumentException">The entity lacks a key or holds an unsupported value.</exception>
    /// <exception cref="RequestFailedException">The service refused the request.</exception>
    public virtual async Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : TableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        using HttpMessage message = CreateWriteMessage(entity, mode, ifMatch: null);
        Response response = await SendAsync(message, cancellationToken);
        return response.Status == 204 ? response : throw new RequestFailedException(response);
    }

    /// <summary>Updates an existing entity if its version matches <paramref name="ifMatch"/>.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="ifMatch">The expected version, usually <c>entity.ETag</c>; <see cref="ETag.All"/> to update whatever the version.</param>
    /// <param name="mode">
    /// <see cref="TableUpdateMode.Merge"/> (default) keeps stored properties the entity lacks;
    /// <see cref="TableUpdateMode.Replace"/> drops them.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response; its <c>ETag</c> header is the entity's new ETag.</returns>
    /// <exception cref="ArgumentException"><paramref name="ifMatch"/> is <c>default</c>, or the entity is invalid.</exception>
    /// <exception cref="RequestFailedException">412 <c>UpdateConditionNotSatisfied</c> on a version mismatch; 404 if missing; any other failure.</exception>
    public virtual async Task<Response> UpdateEntityAsync<T>(
        T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : TableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (ifMatch == default)
        {
            // Concurrency is explicit: pass entity.ETag, or ETag.All on purpose.
            throw new ArgumentException("An ETag is required; pass the entity's ETag, or ETag.All to update unconditionally.", nameof(ifMatch));
        }
        using HttpMessage message = CreateWriteMessage(entity, mode, ifMatch);
        Response response = await SendAsync(message, cancellationToken);
        return response.Status == 204 ? response : throw new RequestFailedException(response);
    }

    /// <summary>Deletes an entity. A missing entity (404) is success, as in the SDK; a missing table still throws.</summary>
    /// <param name="partitionKey">Its partition key.</param>
    /// <param name="rowKey">Its row key.</param>
    /// <param name="ifMatch">The expected version; <c>default</c> (the default) deletes whatever the version.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="RequestFailedException">412 <c>UpdateConditionNotSatisfied</c> on a version mismatch; 404 <c>TableNotFound</c>; any other failure.</exception>
    public virtual async Task<Response> DeleteEntityAsync(
        string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using HttpMessage message = CreateEntityMessage(RequestMethod.Delete, partitionKey, rowKey, select: null);
        message.Request.Headers.SetValue("If-Match", IfMatchValue(ifMatch));
        Response response = await SendAsync(message, cancellationToken);
        return response.Status switch
        {
            204 => response,
            404 when ODataErrorParser.ErrorCode(response) != TableNotFound => response,
            _ => throw new RequestFailedException(response),
        };
    }
}
