using Azure;

namespace Messaging.Storage.Tables;

/// <summary>One operation of an entity group transaction (<see cref="TableClient.SubmitTransactionAsync"/>).</summary>
public class TableTransactionAction
{
    /// <summary>Creates an action.</summary>
    /// <param name="actionType">What to do.</param>
    /// <param name="entity">
    /// The entity. For <see cref="TableTransactionActionType.Delete"/> only its keys are used; every other
    /// action sends its properties, which requires a <see cref="TableEntity"/>.
    /// </param>
    /// <param name="etag">
    /// The <c>If-Match</c> value for update and delete actions. The default (<c>default(ETag)</c>) means
    /// <see cref="ETag.All"/>: the entity must exist, whatever its version. Ignored for add and upsert.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="entity"/> is null.</exception>
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    /// <summary>What the action does.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>The entity it applies to.</summary>
    public ITableEntity Entity { get; }

    /// <summary>The <c>If-Match</c> value for updates and deletes; <c>default</c> means <see cref="ETag.All"/>.</summary>
    public ETag ETag { get; }
}
