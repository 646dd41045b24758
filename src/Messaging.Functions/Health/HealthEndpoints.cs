using System.Text.Json.Serialization;
using Messaging.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messaging.Functions.Health;

/// <summary>
/// <c>GET</c> and <c>HEAD /api/health</c> through ASP.NET Core health checks: 200 <c>{"status": "healthy"}</c>
/// while storage answers and the table exists, else 503 with <c>{"error": reason}</c>. HEAD answers the status
/// alone, for probes. Anonymous and not rate limited.
/// </summary>
public static partial class HealthEndpoints
{
    public const string Path = "/api/health";

    public static IServiceCollection AddMessagingHealth(this IServiceCollection services)
    {
        services.AddSingleton<StorageHealthCheck>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], CheckAsync);
        return routes;
    }

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<ErrorBody>, StatusCodeHttpResult>> CheckAsync(
        HttpContext context, HealthCheckService health, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        HealthReport report = await health.CheckHealthAsync(cancellationToken);
        bool healthy = report.Status != HealthStatus.Unhealthy;
        if (!healthy)
        {
            string reason = string.Join(" ", report.Entries.Values.Where(e => e.Status == HealthStatus.Unhealthy).Select(e => e.Description));
            LogUnhealthy(loggers.CreateLogger(typeof(HealthEndpoints)), reason);
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                return TypedResults.Json(new ErrorBody(reason), MessagingJsonContext.Default.ErrorBody, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return TypedResults.StatusCode(healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.Ok(new HealthResponse("healthy"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check failed: {Reason}")]
    private static partial void LogUnhealthy(ILogger logger, string reason);
}

public sealed record HealthResponse([property: JsonPropertyName("status")] string Status);
