using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Messaging.Core.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Functions.Tests.Infrastructure;

/// <summary>A real TableClient on Azurite that can be told to fail like a crashing process would.</summary>
internal sealed class FaultyTableClient(string connectionString, string tableName, TableClientOptions options) : TableClient(connectionString, tableName, options)
{
    /// <summary>Throws instead of submitting the next entity group transaction.</summary>
    public bool FailNextTransaction { get; set; }

    /// <summary>Throws instead of the next single-entity write (insert or upsert).</summary>
    public bool FailNextEntityWrite { get; set; }

    /// <summary>Throws instead of the next single-entity write to a partition with this prefix.</summary>
    public string? FailNextEntityWriteToPartition { get; set; }

    public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        if (FailNextTransaction)
        {
            FailNextTransaction = false;
            throw new InvalidOperationException("Injected fault: the process died before its batch.");
        }
        return base.SubmitTransactionAsync(transactionActions, cancellationToken);
    }

    public override Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        FailIfAsked(entity);
        return base.UpsertEntityAsync(entity, mode, cancellationToken);
    }

    public override Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
    {
        FailIfAsked(entity);
        return base.AddEntityAsync(entity, cancellationToken);
    }

    private void FailIfAsked(ITableEntity entity)
    {
        if (FailNextEntityWrite)
        {
            FailNextEntityWrite = false;
            throw new InvalidOperationException("Injected fault: the process died before this write.");
        }
        if (FailNextEntityWriteToPartition is { } prefix && entity.PartitionKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            FailNextEntityWriteToPartition = null;
            throw new InvalidOperationException("Injected fault: this write failed.");
        }
    }
}

/// <summary>Counts the HTTP requests the client sends: the Table Storage round trips.</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}

/// <summary>An event publisher that keeps events instead of publishing them (as if the process died first).</summary>
internal sealed class DroppingPublisher : IEventPublisher
{
    public List<MessagingEvent> Dropped { get; } = [];

    public Task PublishAsync(MessagingEvent committed, CancellationToken cancellationToken)
    {
        lock (Dropped)
        {
            Dropped.Add(committed);
        }
        return Task.CompletedTask;
    }
}

internal static class ServiceOverrides
{
    public static void UseTableClient(this IServiceCollection services, Func<IServiceProvider, TableClient> factory) =>
        services.Replace(ServiceDescriptor.Singleton(factory));

    public static void UsePublisher(this IServiceCollection services, IEventPublisher publisher) =>
        services.Replace(ServiceDescriptor.Singleton(publisher));
}
