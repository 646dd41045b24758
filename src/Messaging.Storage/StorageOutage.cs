using Azure;

namespace Messaging.Storage;

/// <summary>
/// Tells "storage is down or overloaded" from every other failure, so callers can answer 503 and retry later
/// instead of treating an outage as a bug.
/// </summary>
public static class StorageOutage
{
    /// <summary>
    /// True when the table is gone (an emulator restarted empty, or the table was deleted): storage is not ready
    /// until it is created again, which <see cref="MessagingTable.Forget"/> arranges.
    /// </summary>
    public static bool IsTableMissing(Exception exception) =>
        exception is RequestFailedException { Status: 404, ErrorCode: TableErrors.TableNotFound };

    /// <summary>
    /// True for a refused or dropped connection, a timeout, or a 5xx from the service, including the
    /// <see cref="AggregateException"/> the SDK throws once its retries are spent.
    /// </summary>
    public static bool Is(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is),
        // Status 0: no response at all (the SDK wraps the transport's exception).
        RequestFailedException failed => failed.Status is 0 or 408 or >= 500,
        HttpRequestException or TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        // An HttpClient timeout surfaces as a cancellation that nobody asked for.
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
