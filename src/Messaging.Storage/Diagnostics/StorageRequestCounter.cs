using Azure.Core;
using Azure.Core.Pipeline;

namespace Messaging.Storage.Diagnostics;

/// <summary>Counts every request the Table client sends, placed per retry so a retried request counts twice.</summary>
public sealed class StorageRequestCounter(StorageMetrics metrics) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => metrics.Request();
}
