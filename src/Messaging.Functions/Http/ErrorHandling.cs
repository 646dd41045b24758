using Messaging.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Messaging.Functions.Http;

/// <summary>
/// The boundary for exceptions: rejections of client input become their 4xx, a storage outage a 503 with
/// <c>Retry-After</c> (the client did nothing wrong and may try again), anything else is a bug, logged and
/// answered with a 500, all in the same <c>{"error": ...}</c> shape.
/// </summary>
internal sealed partial class ErrorHandling(ILogger<ErrorHandling> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying during a storage outage.</summary>
    public const int StorageRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        bool tableMissing = StorageOutage.IsTableMissing(exception);
        if (tableMissing)
        {
            httpContext.RequestServices.GetRequiredService<MessagingTable>().Forget(); // the next request creates it again
        }
        if (tableMissing || StorageOutage.Is(exception))
        {
            LogStorageUnavailable(httpContext.Request.Path, exception.Message);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = StorageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await httpContext.Response.WriteAsJsonAsync(
                new ErrorBody("Storage is unavailable right now; try again shortly."),
                MessagingJsonContext.Default.ErrorBody, cancellationToken: cancellationToken);
            return true;
        }
        (int status, string message) = exception switch
        {
            RequestRejectedException rejected => (rejected.StatusCode, rejected.Message),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "An internal error occurred."),
        };
        if (status >= 500)
        {
            LogUnhandled(exception, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        await httpContext.Response.WriteAsJsonAsync(new ErrorBody(message), MessagingJsonContext.Default.ErrorBody, cancellationToken: cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while serving {Path}: {Reason}")]
    private partial void LogStorageUnavailable(PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private partial void LogUnhandled(Exception exception, PathString path);
}
