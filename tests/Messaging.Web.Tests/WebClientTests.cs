using System.Net;
using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests;

/// <summary>The page itself: how it is served, that it loads clean, and that its CSP holds.</summary>
public sealed class WebClientTests(AzuriteFixture azurite, BrowserFixture browser) : BrowserTest(azurite, browser)
{
    [Fact]
    public async Task Page_ServedWithItsContentSecurityPolicy_AtTheRootAndUnderApiWeb()
    {
        using HttpClient http = App.Http();

        foreach (string path in new[] { "/", "/api/web", "/api/web/", "/api/web/index.html" })
        {
            using HttpResponseMessage page = await http.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            string csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
            Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        using HttpResponseMessage signalr = await http.GetAsync("/api/web/signalr.min.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, signalr.StatusCode);
        Assert.Equal("text/javascript", signalr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("HubConnectionBuilder", await signalr.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using HttpResponseMessage missing = await http.GetAsync("/api/web/nothing.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WithSignalRService_ThePolicyAlsoAllowsTheServiceUrl_AndNothingElse()
    {
        await using var app = new WebApp(Azurite, new Dictionary<string, string?>
        {
            ["AzureSignalRConnectionString"] = "Endpoint=https://chat-test.service.signalr.net;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;",
        });
        using HttpClient http = app.Http();

        using HttpResponseMessage page = await http.GetAsync("/", TestContext.Current.CancellationToken);

        string csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("connect-src 'self' https://chat-test.service.signalr.net wss://chat-test.service.signalr.net;", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoUsers_ExchangeAMessageLive_NoConsoleErrorsNorCspViolations()
    {
        ChatPage alice = await Browser.OpenAsync(Name("alice"));
        ChatPage bob = await Browser.OpenAsync(Name("bob"));

        await alice.StartAsync(Name("bob"), Name("bob"));
        await alice.SendAsync("Hello Bob");

        await Expect(bob.Conversation(Name("alice")).Locator(".badge")).ToHaveTextAsync("1");
        await Expect(bob.Conversation(Name("alice")).Locator(".last")).ToHaveTextAsync($"{Name("alice")}: Hello Bob");
        await bob.OpenAsync(Name("alice"));
        await Expect(bob.Message("Hello Bob").Locator(".sender")).ToHaveTextAsync(Name("alice"));
        await Expect(bob.Conversation(Name("alice")).Locator(".badge")).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task ContentSecurityPolicy_IsEnforced_AnInlineScriptIsBlockedAndReported()
    {
        ChatPage alice = await Browser.OpenAsync(Name("alice"));

        bool ran = await alice.Page.EvaluateAsync<bool>(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__inline = true'; document.head.append(s); return window.__inline === true; }");

        Assert.False(ran);
        await Expect(alice.Page.Locator("body")).ToBeVisibleAsync();
        Assert.Contains(await Browser.AllProblemsAsync(), p => p.Contains("CSP violation: script-src", StringComparison.Ordinal));
    }
}
