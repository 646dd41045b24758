using System.Text.RegularExpressions;

namespace Messaging.Web.Tests.Infrastructure;

/// <summary>
/// The browser contexts of one test, each one user's own browser (cookies, storage and network apart). Records every
/// console error, page error and CSP violation; when the test fails, leaves a screenshot of each page and a
/// Playwright trace (open it with <c>playwright show-trace</c>) under the test output folder's <c>artifacts/</c>.
/// </summary>
internal sealed class BrowserSession(IBrowser browser, WebApp app) : IAsyncDisposable
{
    private readonly List<(IBrowserContext Context, IPage Page, string User)> _users = [];

    public List<string> Problems { get; } = [];

    public static string ArtifactsDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Opens the page in a new context and signs in as <paramref name="user"/> (with a bearer token when given).</summary>
    public async Task<ChatPage> OpenAsync(string user, string? token = null, bool typeName = true)
    {
        IPage page = await NewPageAsync(user);
        var chat = new ChatPage(page, user);
        await page.GotoAsync(app.BaseUrl + "/");
        await chat.SignInAsync(typeName ? user : null, token);
        return chat;
    }

    /// <summary>A page in a new context (a browser of its own), with nothing loaded yet.</summary>
    public async Task<IPage> NewPageAsync(string user = "anonymous")
    {
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 720 } });
        await context.Tracing.StartAsync(new TracingStartOptions { Title = user, Screenshots = true, Snapshots = true });
        IPage page = await context.NewPageAsync();
        _users.Add((context, page, user));
        // Init scripts run outside the page's CSP; the listener reports every violation, whichever directive.
        await page.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));");
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (Problems)
                {
                    Problems.Add($"{user} console {message.Type}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (Problems)
            {
                Problems.Add($"{user} page error: {error}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (Problems)
                {
                    Problems.Add($"{user} HTTP {response.Status}: {response.Request.Method} {response.Url}");
                }
            }
        };
        return page;
    }

    public IBrowserContext ContextOf(ChatPage chat) => _users.Single(u => u.Page == chat.Page).Context;

    /// <summary>Console errors, page errors and CSP violations on every page so far.</summary>
    public async Task<IReadOnlyList<string>> AllProblemsAsync()
    {
        var all = new List<string>();
        lock (Problems)
        {
            all.AddRange(Problems);
        }
        foreach ((_, IPage page, string user) in _users.Where(u => !u.Page.IsClosed))
        {
            string[] violations = await page.EvaluateAsync<string[]>("() => window.__violations");
            all.AddRange(violations.Select(v => $"{user} CSP violation: {v}"));
        }
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        bool failed = TestContext.Current.TestState?.Result is TestResult.Failed;
        string name = Regex.Replace(TestContext.Current.Test?.TestDisplayName ?? "test", @"[^A-Za-z0-9_.-]+", "_");
        string folder = Path.Combine(ArtifactsDirectory, name);
        foreach ((int index, (IBrowserContext context, IPage page, string user)) in _users.Index())
        {
            try
            {
                if (failed)
                {
                    Directory.CreateDirectory(folder);
                    if (!page.IsClosed)
                    {
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{index}-{user}.png"), FullPage = true });
                    }
                    await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, $"{index}-{user}.trace.zip") });
                }
                else
                {
                    await context.Tracing.StopAsync();
                }
            }
            finally
            {
                await context.CloseAsync();
            }
        }
    }
}
