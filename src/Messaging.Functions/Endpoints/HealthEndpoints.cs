using Messaging.Functions.Http;
using Messaging.Storage;

namespace Messaging.Functions.Endpoints;

/// <summary><c>GET /api/health</c>: 200 once storage answers (and the table exists), 503 until then.</summary>
public static partial class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/health", CheckAsync);
        return routes;
    }

    public static async Task<IResult> CheckAsync(MessagingTable table, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await table.GetAsync(cancellationToken);
            return TypedResults.Ok(new HealthResponse("healthy"));
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(loggers.CreateLogger(typeof(HealthEndpoints)), ex.Message);
            return TypedResults.Json(new ErrorBody("Storage is not reachable yet."), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: storage unreachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
