using Azure.Core;

namespace Messaging.Azure.ServiceBus;

/// <summary>
/// Options for <see cref="ServiceBusSenderClient"/>: everything <see cref="ClientOptions"/> offers (retry, transport,
/// diagnostics) plus an endpoint override and the clock.
/// </summary>
public class ServiceBusClientOptions : ClientOptions
{
    /// <summary>Creates the options; <c>BrokerProperties</c> (which holds only the message id) is logged unredacted.</summary>
    public ServiceBusClientOptions()
    {
        Diagnostics.LoggedHeaderNames.Add(ServiceBusSenderClient.BrokerPropertiesHeader);
    }

    /// <summary>
    /// Sends to this base address instead of <c>https://{namespace}</c>, for tests and proxies; <c>null</c> (default)
    /// for the namespace itself. The SAS audience (<c>sr</c>) still names the namespace, since that is the resource
    /// being authorized. Bearer tokens (Entra ID) are only sent over HTTPS.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The clock for SAS expiry. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
