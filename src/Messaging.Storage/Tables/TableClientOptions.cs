using Azure.Core;

namespace Messaging.Storage.Tables;

/// <summary>
/// Options for <see cref="TableClient"/>: everything <see cref="ClientOptions"/> offers (retry, transport,
/// diagnostics) plus the service version.
/// </summary>
public class TableClientOptions : ClientOptions
{
    /// <summary>The default <see cref="Version"/>: <c>2019-02-02</c>, the oldest version that accepts Entra ID tokens.</summary>
    public const string DefaultVersion = "2019-02-02";

    /// <summary>The <c>x-ms-version</c> sent with every request. Default <see cref="DefaultVersion"/> (<c>2019-02-02</c>).</summary>
    public string Version { get; set; } = DefaultVersion;

    /// <summary>The clock for <c>x-ms-date</c>; tests pin it so signatures are reproducible. Default <see cref="TimeProvider.System"/>.</summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
