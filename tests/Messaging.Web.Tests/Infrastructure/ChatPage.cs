using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests.Infrastructure;

/// <summary>One user's page, used as a person would: through labelled controls and what is on screen.</summary>
internal sealed partial class ChatPage(IPage page, string user)
{
    public IPage Page { get; } = page;

    public string User { get; } = user;

    public ILocator Connection => Page.Locator("#connection");

    /// <summary>The conversation list's entry titled <paramref name="title"/>.</summary>
    public ILocator Conversation(string title) =>
        Page.Locator("#conversations .conversation-item").Filter(new LocatorFilterOptions { Has = Page.Locator(".name", new PageLocatorOptions { HasTextRegex = Exact(title) }) });

    /// <summary>The shown messages of the open conversation (system messages aside).</summary>
    public ILocator Messages => Page.Locator("#message-list li.message:not(.system)");

    public ILocator SystemMessages => Page.Locator("#message-list li.message.system");

    public ILocator Message(string content) =>
        Messages.Filter(new LocatorFilterOptions { Has = Page.Locator(".content", new PageLocatorOptions { HasTextRegex = Exact(content) }) });

    public ILocator Typing => Page.Locator("#typing");

    public ILocator Composer => Page.GetByLabel("Message", new PageGetByLabelOptions { Exact = true });

    /// <summary>The id of the open conversation.</summary>
    public async Task<string> OpenConversationIdAsync() =>
        (await Page.Locator("#conversations .conversation-item[aria-current=true]").GetAttributeAsync("data-id"))!;

    public async Task SignInAsync(string? name, string? token)
    {
        if (token is not null)
        {
            await Page.GetByLabel("Bearer token").FillAsync(token);
        }
        if (name is not null)
        {
            await Page.GetByLabel("User name", new PageGetByLabelOptions { Exact = true }).FillAsync(name);
        }
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await Expect(Connection).ToHaveTextAsync("Connected");
    }

    /// <summary>Starts a direct conversation (one user, no title) or a group, and opens it.</summary>
    public async Task StartAsync(string title, params string[] users)
    {
        await Page.GetByLabel("With (user names").FillAsync(string.Join(", ", users));
        if (users.Length > 1 || title != users[0])
        {
            await Page.GetByLabel("Group title").FillAsync(title);
        }
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Start", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#conversation-title")).ToHaveTextAsync(title);
    }

    public async Task OpenAsync(string title)
    {
        await Conversation(title).ClickAsync();
        await Expect(Page.Locator("#conversation-title")).ToHaveTextAsync(title);
    }

    /// <summary>Types and sends with Enter, as a keyboard user does; returns once the message shows.</summary>
    public async Task SendAsync(string content)
    {
        ILocator box = Composer;
        await box.FillAsync(content);
        await box.PressAsync("Enter");
        await Expect(Message(content)).ToHaveCountAsync(1);
        await Expect(box).ToHaveValueAsync("");
    }

    public async Task ActAsync(string content, string action)
    {
        await Message(content).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = action, Exact = true }).ClickAsync();
    }

    public async Task EditAsync(string content, string newContent)
    {
        await ActAsync(content, "Edit");
        ILocator box = Composer;
        await box.FillAsync(newContent);
        await box.PressAsync("Enter");
        await Expect(Message(newContent)).ToHaveCountAsync(1);
    }

    /// <summary>The ids and texts of the shown messages, top to bottom.</summary>
    public async Task<IReadOnlyList<(string Id, string Content)>> ShownAsync()
    {
        var shown = new List<(string, string)>();
        foreach (ILocator item in await Messages.AllAsync())
        {
            shown.Add((await item.GetAttributeAsync("data-id") ?? "", (await item.Locator(".content").TextContentAsync())!));
        }
        return shown;
    }

    private static Regex Exact(string text) => new($"^{Regex.Escape(text)}$");
}
