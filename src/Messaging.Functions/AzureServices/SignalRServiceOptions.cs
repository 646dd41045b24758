namespace Messaging.Functions.AzureServices;

/// <summary>
/// Azure SignalR Service, from the root setting <see cref="MessagingServiceCollectionExtensions.SignalRConnectionSetting"/>
/// (the <c>fanout</c> function's output binding reads the same one). Empty: the app's own hub serves clients.
/// </summary>
public sealed class SignalRServiceOptions
{
    /// <summary><c>Endpoint=https://{name}.service.signalr.net;AccessKey=…;Version=1.0;</c></summary>
    public string? ConnectionString { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}
