namespace Messaging.Storage.Tables;

/// <summary>The operation a <see cref="TableTransactionAction"/> performs.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails with 409 <c>EntityAlreadyExists</c> if the entity exists.</summary>
    Add = 0,

    /// <summary>Merge into an existing entity; fails with 404 if it is missing, 412 on an ETag mismatch.</summary>
    UpdateMerge = 1,

    /// <summary>Replace an existing entity; fails with 404 if it is missing, 412 on an ETag mismatch.</summary>
    UpdateReplace = 2,

    /// <summary>Delete an entity; fails with 404 if it is missing, 412 on an ETag mismatch.</summary>
    Delete = 3,

    /// <summary>Insert, or merge into the existing entity.</summary>
    UpsertMerge = 4,

    /// <summary>Insert, or replace the existing entity.</summary>
    UpsertReplace = 5,
}
