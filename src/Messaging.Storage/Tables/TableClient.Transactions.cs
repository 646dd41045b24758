using Azure;
using Azure.Core;

namespace Messaging.Storage.Tables;

public partial class TableClient
{
    /// <summary>The most actions one entity group transaction may hold.</summary>
    internal const int MaxTransactionActions = 100;

    /// <summary>
    /// Submits an entity group transaction: all actions succeed or none is applied. The actions must target
    /// distinct entities of one partition (Azure enforces this; Azurite does not).
    /// </summary>
    /// <param name="transactionActions">1 to 100 actions, applied in order.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One response per action, in order; <c>Headers.ETag</c> of each is the entity's new ETag.</returns>
    /// <exception cref="ArgumentException">No actions, more than 100, a null action, or an entity that cannot be sent.</exception>
    /// <exception cref="TableTransactionFailedException">
    /// The transaction failed and changed nothing; <see cref="TableTransactionFailedException.FailedTransactionActionIndex"/>
    /// tells which action caused it, and <see cref="RequestFailedException.Status"/> / <see cref="RequestFailedException.ErrorCode"/> why.
    /// </exception>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        List<TableTransactionAction> actions = [.. transactionActions];
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction needs 1 to {MaxTransactionActions} actions, not {actions.Count}.", nameof(transactionActions));
        }

        BatchRequest batch = BuildBatch(actions, Guid.NewGuid(), Guid.NewGuid());
        using HttpMessage message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", batch.ContentType);
        message.Request.Content = RequestContent.Create(batch.ToBody());
        Response response = await SendAsync(message, cancellationToken);
        if (response.Status != 202)
        {
            throw new TableTransactionFailedException(response, ODataErrorParser.Instance);
        }

        IReadOnlyList<Response> operations = BatchResponse.Parse(response);
        foreach (Response operation in operations)
        {
            if (operation.IsError)
            {
                throw new TableTransactionFailedException(operation, ODataErrorParser.Instance);
            }
        }
        if (operations.Count != actions.Count)
        {
            throw new RequestFailedException(
                response.Status, $"The batch response holds {operations.Count} operation responses for {actions.Count} actions.");
        }
        return Response.FromValue(operations, response);
    }

    internal BatchRequest BuildBatch(IReadOnlyList<TableTransactionAction> transactionActions, Guid batchId, Guid changesetId)
    {
        var batch = new BatchRequest(batchId, changesetId);
        // Sub-requests need absolute URLs (Azurite answers 500 to relative ones).
        string baseUrl = _endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        string tableUrl = baseUrl + TablePath();
        for (int i = 0; i < transactionActions.Count; i++)
        {
            TableTransactionAction action = transactionActions[i]
                ?? throw new ArgumentException($"Transaction action {i} is null.", nameof(transactionActions));
            EntitySerializer.RequireKeys(action.Entity);
            string entityUrl = baseUrl + EntityPath(action.Entity.PartitionKey, action.Entity.RowKey);
            string ifMatch = IfMatchValue(action.ETag);
            switch (action.ActionType)
            {
                case TableTransactionActionType.Add:
                    batch.Add("POST", tableUrl, null, Body(action, i));
                    break;
                case TableTransactionActionType.UpdateMerge:
                    batch.Add(MergeMethod.Method, entityUrl, ifMatch, Body(action, i));
                    break;
                case TableTransactionActionType.UpdateReplace:
                    batch.Add(RequestMethod.Put.Method, entityUrl, ifMatch, Body(action, i));
                    break;
                case TableTransactionActionType.UpsertMerge:
                    batch.Add(MergeMethod.Method, entityUrl, null, Body(action, i));
                    break;
                case TableTransactionActionType.UpsertReplace:
                    batch.Add(RequestMethod.Put.Method, entityUrl, null, Body(action, i));
                    break;
                case TableTransactionActionType.Delete:
                    batch.Add(RequestMethod.Delete.Method, entityUrl, ifMatch, null);
                    break;
                default:
                    throw new ArgumentException($"Transaction action {i} has unknown type {action.ActionType}.", nameof(transactionActions));
            }
        }
        return batch;
    }

    private static byte[] Body(TableTransactionAction action, int index) => action.Entity is TableEntity entity
        ? EntitySerializer.Serialize(entity)
        : throw new ArgumentException($"Transaction action {index} holds a {action.Entity.GetType().Name}; only TableEntity can be sent.");
}
