using Messaging.DevStorage;

namespace Messaging.Web.Tests.Infrastructure;

/// <summary>
/// Screenshots the tests take on purpose (failures save their own, see <see cref="BrowserSession"/>): always into the
/// test output folder's <c>screenshots/</c>, and into the folder <c>WEB_SCREENSHOTS</c> names when it is set, relative
/// to the repository root (the README's picture: <c>WEB_SCREENSHOTS=docs</c>).
/// </summary>
internal static class Screenshots
{
    /// <summary>The pages side by side, as one picture.</summary>
    public static async Task SaveAsync(BrowserSession browser, string name, params ChatPage[] pages)
    {
        var halves = new List<string>();
        foreach (ChatPage chat in pages)
        {
            halves.Add(Convert.ToBase64String(await chat.Page.ScreenshotAsync()));
        }
        IPage canvas = await browser.NewPageAsync("screenshot");
        await canvas.SetViewportSizeAsync(1100 * pages.Length + 8 * (pages.Length - 1), 720);
        await canvas.SetContentAsync(
            "<body style='margin:0;display:flex;gap:8px;background:#8a8f98'>"
            + string.Concat(halves.Select(png => $"<img src='data:image/png;base64,{png}' width='1100' height='720'>"))
            + "</body>");
        byte[] image = await canvas.ScreenshotAsync();
        string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name + ".png"), image);
        if (Environment.GetEnvironmentVariable("WEB_SCREENSHOTS") is { Length: > 0 } extra)
        {
            string root = RepositoryRoot.Find(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Messaging.sln not found above the test folder.");
            string target = Path.Combine(root, extra);
            Directory.CreateDirectory(target);
            await File.WriteAllBytesAsync(Path.Combine(target, name + ".png"), image);
        }
    }
}
