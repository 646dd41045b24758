using Azure;

namespace Messaging.Storage.Tables;

/// <summary>The system properties every table entity has (same shape as <c>Azure.Data.Tables.ITableEntity</c>).</summary>
public interface ITableEntity
{
    /// <summary>The partition key; entities with the same one can be changed together in a transaction.</summary>
    string PartitionKey { get; set; }

    /// <summary>The row key, unique within the partition.</summary>
    string RowKey { get; set; }

    /// <summary>When the service last modified the entity; set by the service, ignored on writes.</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version for optimistic concurrency; <c>default</c> when unknown.</summary>
    ETag ETag { get; set; }
}
