using System.Text.RegularExpressions;
using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests;

/// <summary>Two people chatting, each in a browser of their own: everything one does shows on the other's screen live.</summary>
public sealed class LiveChatTests(AzuriteFixture azurite, BrowserFixture browser) : BrowserTest(azurite, browser)
{
    [Fact]
    public async Task TwoUsers_SeeTypingTicksRepliesReactionsEditsAndDeletes_AsTheApiHoldsThem()
    {
        string aliceId = Name("alice"), bobId = Name("bob");
        ChatPage alice = await Browser.OpenAsync(aliceId);
        ChatPage bob = await Browser.OpenAsync(bobId);

        await alice.StartAsync(bobId, bobId);
        await alice.SendAsync("Are you coming tonight?");
        ILocator ticks = alice.Message("Are you coming tonight?").Locator(".ticks");
        await Expect(ticks).ToHaveAttributeAsync("data-status", "delivered"); // bob's page has it, unopened
        await bob.OpenAsync(aliceId);
        await Expect(ticks).ToHaveAttributeAsync("data-status", "read");

        await bob.Composer.PressSequentiallyAsync("Yes");
        await Expect(alice.Typing).ToHaveTextAsync($"{bobId} is typing…");
        await bob.ActAsync("Are you coming tonight?", $"Reply to {aliceId}");
        await bob.SendAsync("Yes, at 8");
        await Expect(alice.Typing).ToBeEmptyAsync();
        await Expect(alice.Message("Yes, at 8").Locator(".reply")).ToHaveTextAsync($"{aliceId}: Are you coming tonight?");
        await Expect(alice.Page.GetByRole(AriaRole.Status).And(alice.Page.Locator("#announcer")))
            .ToHaveTextAsync($"New message from {bobId}: Yes, at 8"); // what a screen reader says

        await alice.ActAsync("Yes, at 8", "React 👍");
        await Expect(bob.Message("Yes, at 8").Locator(".reaction")).ToHaveTextAsync("👍 1");
        await bob.ActAsync("Yes, at 8", "React ❤️");
        await Expect(alice.Message("Yes, at 8").Locator(".reaction")).ToHaveTextAsync(["👍 1", "❤️ 1"]);

        await alice.EditAsync("Are you coming tonight?", "Are you coming tonight? 7:30");
        await Expect(bob.Message("Are you coming tonight? 7:30").Locator(".edited")).ToHaveTextAsync("(edited)");
        await Expect(bob.Message("Yes, at 8").Locator(".reply")).ToHaveTextAsync($"{aliceId}: Are you coming tonight? 7:30");

        await alice.SendAsync("wrong chat, sorry");
        await Expect(bob.Message("wrong chat, sorry")).ToHaveCountAsync(1);
        await alice.ActAsync("wrong chat, sorry", "Delete");
        await Expect(bob.Message("This message was deleted.")).ToHaveCountAsync(1);
        await Expect(alice.Message("This message was deleted.")).ToHaveClassAsync(new Regex(@"\bmine\b")); // still hers, in its place
        await alice.SendAsync("See you!");
        await Expect(alice.Message("See you!").Locator(".ticks")).ToHaveAttributeAsync("data-status", "read");

        string conversationId = await alice.OpenConversationIdAsync();
        using HttpClient http = App.Http();
        Assert.Equal(await http.HistoryAsync(conversationId, aliceId), await alice.ShownAsync());
        Assert.Equal(await http.HistoryAsync(conversationId, bobId), await bob.ShownAsync());
        await AssertNoProblemsAsync();
        await Screenshots.SaveAsync(Browser, "screenshot", alice, bob);
    }
}
