using System.Threading.RateLimiting;
using Messaging.Functions.Hosting;

namespace Messaging.Functions.Tests.Identity;

public class RateLimitBucketTests
{
    [Theory]
    [InlineData(600)]
    [InlineData(100)]
    [InlineData(7)]
    [InlineData(61)]
    [InlineData(90)]
    [InlineData(3600)]
    public void Bucket_AnyRate_RefillsAtExactlyThatRatePerMinute(int perMinute)
    {
        TokenBucketRateLimiterOptions bucket = RateLimiting.Bucket(new RateLimitingOptions { PermitsPerMinute = perMinute, Burst = 5 });

        double perMinuteRefilled = bucket.TokensPerPeriod * (TimeSpan.FromMinutes(1) / bucket.ReplenishmentPeriod);
        Assert.Equal(perMinute, perMinuteRefilled, precision: 9);
        Assert.True(bucket.ReplenishmentPeriod <= TimeSpan.FromMinutes(1));
        Assert.Equal(5, bucket.TokenLimit);
    }
}
