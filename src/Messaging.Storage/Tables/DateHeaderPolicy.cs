using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Messaging.Storage.Tables;

/// <summary>
/// Stamps <c>x-ms-date</c> on every attempt. It runs per retry, so a retried request is not rejected as
/// stale, and before authorization, which signs this value.
/// </summary>
internal sealed class DateHeaderPolicy(TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public const string HeaderName = "x-ms-date";

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(HeaderName, timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
}
