using Messaging.Testing;

namespace Messaging.Web.Tests.Infrastructure;

/// <summary>A test with its own app (on a table of its own) and its own browser contexts, closed after it.</summary>
public abstract class BrowserTest : IAsyncDisposable
{
    private protected BrowserTest(AzuriteFixture azurite, BrowserFixture browser, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Assertions.SetDefaultExpectTimeout(15_000); // a 2-core machine running other tests at the same time
        Azurite = azurite;
        App = new WebApp(azurite, settings);
        Browser = new BrowserSession(browser.Browser, App);
    }

    private protected AzuriteFixture Azurite { get; }

    private protected WebApp App { get; }

    private protected BrowserSession Browser { get; }

    /// <summary>
    /// The user id for a name. Plain names are safe: each test's app has a table of its own, so tests never see each
    /// other's conversations (and the README's screenshot reads naturally).
    /// </summary>
    private protected static string Name(string user) => user;

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
