using System.Net;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;

namespace Messaging.Functions.Tests.Identity;

public class RateLimitingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Requests_OverTheBurst_TooManyRequestsWithRetryAfterPerUser()
    {
        Dictionary<string, string?> settings = Tokens.JwtSettings;
        settings["RateLimiting:Enabled"] = "true";
        settings["RateLimiting:Burst"] = "3";
        settings["RateLimiting:PermitsPerMinute"] = "60";
        await using var app = new MessagingApp(azurite, settings: settings);
        using HttpClient alice = app.CreateClient().As(Tokens.For("alice"));
        using HttpClient bob = app.CreateClient().As(Tokens.For("bob"));

        HttpResponseMessage[] burst = [.. await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            alice.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken)))];
        HttpResponseMessage other = await bob.PostAsync("/api/Messaging/_getConversationsForUser", new StringContent("{}"), TestContext.Current.CancellationToken);

        HttpResponseMessage limited = Assert.Single(burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).Take(1));
        Assert.InRange(burst.Count(r => r.StatusCode == HttpStatusCode.OK), 3, 4);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        (await ApiResponse.ReadAsync(limited)).AssertError(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
