using System.Globalization;
using System.Numerics;
using System.Threading.RateLimiting;
using Messaging.Functions.Http;
using Microsoft.Extensions.Options;

namespace Messaging.Functions.Hosting;

/// <summary>Per-user request limits. Bound from the <c>RateLimiting</c> section.</summary>
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
    /// A token bucket per caller (the authenticated user, else the client address): 429 with Retry-After
    /// when it runs dry.
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
                    : "ip:" + context.Connection.RemoteIpAddress;
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
