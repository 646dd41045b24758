namespace Messaging.DevStorage;

/// <summary>
/// One of Azurite's services, each its own process. The app needs only tables; the Functions host's
/// <c>AzureWebJobsStorage</c> also needs blobs and queues.
/// </summary>
public enum AzuriteService
{
    Table,
    Blob,
    Queue,
}

public static class AzuriteServices
{
    /// <summary>The port <c>UseDevelopmentStorage=true</c> points at for <paramref name="service"/>.</summary>
    public static int DefaultPort(this AzuriteService service) => service switch
    {
        AzuriteService.Blob => 10000,
        AzuriteService.Queue => 10001,
        _ => 10002,
    };
}
