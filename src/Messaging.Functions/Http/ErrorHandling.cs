using Microsoft.AspNetCore.Diagnostics;

namespace Messaging.Functions.Http;

/// <summary>
/// The boundary for exceptions: rejections of client input become their 4xx, anything else is a bug
/// or an outage, logged and answered with a 500 in the same <c>{"error": ...}</c> shape.
/// </summary>
internal sealed partial class ErrorHandling(ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error serving {Path}")]
    private partial void LogUnhandled(Exception exception, PathString path);
}
