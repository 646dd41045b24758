using System.Globalization;
using System.Net;
using System.Numerics;
using System.Threading.RateLimiting;
using Messaging.Functions.Http;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Hosting;

/// <summary>Per-caller request limits (user, else client address). Bound from the <c>RateLimiting</c> section.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Whether limits apply. Defaults to true; Development turns it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sustained requests per minute per user. Defaults to 600.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Requests a user may make at once above the sustained rate. Defaults to 100.</summary>
    public int Burst { get; set; } = 100;
}

internal static class RateLimiting
{
    public const string PerUserPolicy = "per-user";

    /// <summary>
    /// A token bucket per caller: the authenticated user, else (no token, or one that failed validation) the
    /// client address, so token guessing is throttled too. 429 with Retry-After when it runs dry. The limiter
    /// runs after authentication and before authorization (see Program.cs), so an over-limit guesser gets 429
    /// before any 401.
    /// </summary>
    public static IServiceCollection AddPerUserRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName)
            .Validate(o => o.PermitsPerMinute >= 1, $"{RateLimitingOptions.SectionName}:PermitsPerMinute must be at least 1.")
            .Validate(o => o.Burst >= 1, $"{RateLimitingOptions.SectionName}:Burst must be at least 1.")
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerUserPolicy, context =>
            {
                RateLimitingOptions options = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }
                string key = context.User.Identity?.IsAuthenticated == true
                    ? "user:" + context.User.Identity.Name
                    : "address:" + ClientAddress(context);
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(options));
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                HttpResponse response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                TimeSpan retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : TimeSpan.FromSeconds(1);
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new ErrorBody("Too many requests; retry after the time in Retry-After."), MessagingJsonContext.Default.ErrorBody, cancellationToken: cancellationToken);
            };
        });
        return services;
    }

    /// <summary>
    /// The address an unauthenticated request comes from. Standalone, the connection's peer: X-Forwarded-For is
    /// ignored, as any client can send it. Under the Functions host every request arrives from the host over
    /// loopback, so it is the last X-Forwarded-For entry, the one Azure's front end appended (earlier entries
    /// are the client's to invent); the host's own address if there is none.
    /// </summary>
    internal static string ClientAddress(HttpContext context)
    {
        if (FunctionsHost.IsHosting(context.RequestServices.GetRequiredService<IConfiguration>())
            && context.Request.Headers["X-Forwarded-For"].ToString().Split(',').LastOrDefault()?.Trim() is { Length: > 0 } forwarded)
        {
            // Azure appends "address:port"; the port changes per connection, so keep only the address.
            return IPEndPoint.TryParse(forwarded, out IPEndPoint? endpoint) ? endpoint.Address.ToString() : forwarded[..Math.Min(forwarded.Length, 64)];
        }
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>
    /// A bucket that refills at exactly the configured rate: whole tokens over the shortest period that divides a
    /// minute evenly for that rate (600/min is 10 every second, 100/min is 5 every 3 seconds, 7/min is 7 a minute).
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(RateLimitingOptions options)
    {
        int step = (int)BigInteger.GreatestCommonDivisor(options.PermitsPerMinute, 60);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = options.PermitsPerMinute / step,
            ReplenishmentPeriod = TimeSpan.FromSeconds(60 / step),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    public static TBuilder RequirePerUserRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireRateLimiting(PerUserPolicy);
}
