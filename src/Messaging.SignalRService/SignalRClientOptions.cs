using Azure.Core;

namespace Messaging.SignalRService;

/// <summary>
/// Options for <see cref="SignalRRestClient"/>: everything <see cref="ClientOptions"/> offers (retry, transport,
/// diagnostics) plus the clock.
/// </summary>
public class SignalRClientOptions : ClientOptions
{
    /// <summary>The clock for the request tokens' <c>iat</c>/<c>nbf</c>/<c>exp</c>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
