using System.Net;
using Messaging.Functions.Hosting;
using Messaging.Functions.Tests.Infrastructure;
using Messaging.Testing;
using Microsoft.AspNetCore.Http;

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

    private const string Attacker = "203.0.113.7";
    private const string Alice = "198.51.100.1";
    private static readonly string BadToken = Tokens.For("alice", key: "a-guessed-key-0123456789abcdef-0123456789");

    [Fact]
    public async Task BadTokens_OverTheBurst_TooManyRequestsBeforeUnauthorized()
    {
        await using var app = new MessagingApp(azurite, settings: Limited());

        List<HttpContext> responses = [];
        for (int i = 0; i < 20; i++)
        {
            responses.Add(await SendAsync(app, BadToken, Attacker));
        }
        HttpContext noToken = await SendAsync(app, token: null, Attacker);

        Assert.All(responses.Take(5), r => Assert.Equal(StatusCodes.Status401Unauthorized, r.Response.StatusCode));
        Assert.All(responses.Skip(5), r =>
        {
            Assert.Equal(StatusCodes.Status429TooManyRequests, r.Response.StatusCode);
            Assert.True(int.Parse(r.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        });
        Assert.Equal(StatusCodes.Status429TooManyRequests, noToken.Response.StatusCode); // same address, same bucket
    }

    [Fact]
    public async Task AuthenticatedUser_NotThrottledBySomeoneElsesBadTokens()
    {
        await using var app = new MessagingApp(azurite, settings: Limited());
        string token = Tokens.For("alice");
        for (int i = 0; i < 20; i++)
        {
            await SendAsync(app, BadToken, Attacker);
        }

        HttpContext fromOwnAddress = await SendAsync(app, token, Alice);
        HttpContext fromAttackersAddress = await SendAsync(app, token, Attacker); // a user's bucket is the user's, wherever from
        HttpContext unauthenticatedElsewhere = await SendAsync(app, token: null, Alice);
        HttpContext attackerAgain = await SendAsync(app, BadToken, Attacker);

        Assert.Equal(StatusCodes.Status200OK, fromOwnAddress.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, fromAttackersAddress.Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, unauthenticatedElsewhere.Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, attackerAgain.Response.StatusCode);
    }

    [Fact]
    public async Task Standalone_XForwardedForIgnored()
    {
        await using var app = new MessagingApp(azurite, settings: Limited());

        List<int> statuses = [];
        for (int i = 0; i < 20; i++)
        {
            statuses.Add((await SendAsync(app, BadToken, Attacker, forwardedFor: $"192.0.2.{i}")).Response.StatusCode);
        }

        Assert.Equal(15, statuses.Count(s => s == StatusCodes.Status429TooManyRequests));
    }

    [Fact]
    public async Task UnderTheFunctionsHost_LastXForwardedForEntryIsTheClientAddress()
    {
        Dictionary<string, string?> settings = Limited();
        settings[FunctionsHost.PortSetting] = "7999"; // as the host sets it; every request then comes from loopback
        await using var app = new MessagingApp(azurite, settings: settings);

        List<int> statuses = [];
        for (int i = 0; i < 20; i++)
        {
            // The client invents the first entry; Azure's front end appends the address it saw, with a port.
            statuses.Add((await SendAsync(app, BadToken, "127.0.0.1", forwardedFor: $"192.0.2.{i}, {Attacker}:{40000 + i}")).Response.StatusCode);
        }
        HttpContext other = await SendAsync(app, BadToken, "127.0.0.1", forwardedFor: $"{Alice}:50000");
        HttpContext otherIpv6 = await SendAsync(app, BadToken, "127.0.0.1", forwardedFor: "[2001:db8::1]:50001");

        Assert.Equal(15, statuses.Count(s => s == StatusCodes.Status429TooManyRequests));
        Assert.Equal(StatusCodes.Status401Unauthorized, other.Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, otherIpv6.Response.StatusCode);
    }

    /// <summary>Authentication on; 5 requests at once, refilled by one a minute, so a test never sees a refill.</summary>
    private static Dictionary<string, string?> Limited()
    {
        Dictionary<string, string?> settings = Tokens.JwtSettings;
        settings["RateLimiting:Enabled"] = "true";
        settings["RateLimiting:Burst"] = "5";
        settings["RateLimiting:PermitsPerMinute"] = "1";
        return settings;
    }

    /// <summary>One request through the test server, from <paramref name="remoteAddress"/>.</summary>
    private static Task<HttpContext> SendAsync(MessagingApp app, string? token, string remoteAddress, string? forwardedFor = null) =>
        app.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = "/api/Messaging/_getConversationsForUser";
            context.Request.Body = new MemoryStream("{}"u8.ToArray());
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            if (token is not null)
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }
            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        }, TestContext.Current.CancellationToken);
}
