using Messaging.Testing;

namespace Messaging.Web.Tests.Infrastructure;

/// <summary>A test with its own app (on a table of its own) and its own browser contexts, closed after it.</summary>
public abstract class BrowserTest : IAsyncDisposable
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];

    private protected BrowserTest(AzuriteFixture azurite, BrowserFixture browser, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Assertions.SetDefaultExpectTimeout(15_000); // a 2-core machine running other tests at the same time
        App = new WebApp(azurite, settings);
        Browser = new BrowserSession(browser.Browser, App);
    }

    private protected WebApp App { get; }

    private protected BrowserSession Browser { get; }

    /// <summary>A user id of this test's own, so tests never see each other's conversations.</summary>
    private protected string Name(string user) => $"{user}-{_run}";

    /// <summary>Fails with every console error, failed request and CSP violation seen on any page so far.</summary>
    private protected async Task AssertNoProblemsAsync()
    {
        IReadOnlyList<string> problems = await Browser.AllProblemsAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
