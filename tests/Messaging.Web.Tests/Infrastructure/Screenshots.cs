namespace Messaging.Web.Tests.Infrastructure;

/// <summary>
/// Screenshots the tests take on purpose (failures save their own, see <see cref="BrowserSession"/>): always into the
/// test output folder's <c>screenshots/</c>, and into the folder <c>WEB_SCREENSHOTS</c> names when it is set (the
/// README's picture is made with <c>WEB_SCREENSHOTS=docs</c> from the repository root).
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        byte[] image = await page.ScreenshotAsync();
        string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name + ".png"), image);
        if (Environment.GetEnvironmentVariable("WEB_SCREENSHOTS") is { Length: > 0 } extra)
        {
            Directory.CreateDirectory(extra);
            await File.WriteAllBytesAsync(Path.Combine(extra, name + ".png"), image);
        }
    }
}
