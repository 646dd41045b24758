using System.Text.Json;
using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests;

/// <summary>Long histories page in as the reader scrolls back; the conversation list carries the user's settings.</summary>
public sealed class HistoryTests(AzuriteFixture azurite, BrowserFixture browser) : BrowserTest(azurite, browser)
{
    [Fact]
    public async Task ScrollingBack_PagesInEarlierMessages_UntilTheStart_EachOnceInOrder()
    {
        string aliceId = Name("alice"), bobId = Name("bob");
        using HttpClient http = App.Http();
        string conversationId = (await http.PostAsync("createConversation", new { user1 = aliceId, user2 = bobId })).GetProperty("conversationId").GetString()!;
        for (int i = 1; i <= 75; i++)
        {
            await http.PostAsync("sendMessage", new { conversationId, sender = aliceId, content = $"message {i}" });
        }
        ChatPage bob = await Browser.OpenAsync(bobId);
        await Expect(bob.Conversation(aliceId).Locator(".badge")).ToHaveTextAsync("75");

        await bob.OpenAsync(aliceId);
        await Expect(bob.Messages).ToHaveCountAsync(30); // the newest page
        await Expect(bob.Messages.Last.Locator(".content")).ToHaveTextAsync("message 75");
        await Expect(bob.Page.Locator("#history-state")).ToHaveTextAsync("Scroll up for earlier messages");

        await bob.Page.Locator("#messages").EvaluateAsync("box => box.scrollTop = 0");
        await Expect(bob.Messages).ToHaveCountAsync(60);
        await bob.Page.Locator("#messages").FocusAsync(); // the message log scrolls from the keyboard too
        await bob.Page.Keyboard.PressAsync("Home");
        await Expect(bob.Messages).ToHaveCountAsync(75);
        await Expect(bob.Page.Locator("#history-state")).ToHaveTextAsync("Start of the conversation");

        IReadOnlyList<(string Id, string Content)> shown = await bob.ShownAsync();
        Assert.Equal(Enumerable.Range(1, 75).Select(i => $"message {i}"), shown.Select(m => m.Content));
        Assert.Equal(await http.HistoryAsync(conversationId, bobId), shown);
        await Expect(bob.Conversation(aliceId).Locator(".badge")).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }

    [Fact]
    public async Task PinAndMute_ShowInTheList_AndAreTheUsersSettings()
    {
        string aliceId = Name("alice"), bobId = Name("bob"), carolId = Name("carol");
        using HttpClient http = App.Http();
        await http.PostAsync("createConversation", new { user1 = aliceId, user2 = bobId });
        await http.PostAsync("createConversation", new { user1 = carolId, user2 = bobId });
        ChatPage bob = await Browser.OpenAsync(bobId);
        await bob.OpenAsync(aliceId);

        ILocator pin = bob.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Pin", Exact = true });
        await pin.FocusAsync();
        await bob.Page.Keyboard.PressAsync("Enter");
        await Expect(pin).ToHaveAttributeAsync("aria-pressed", "true");
        await bob.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Mute", Exact = true }).ClickAsync();

        await Expect(bob.Conversation(aliceId).Locator(".flag.pinned")).ToHaveCountAsync(1);
        await Expect(bob.Conversation(aliceId).Locator(".flag.muted")).ToHaveCountAsync(1);
        await Expect(bob.Conversation(carolId).Locator(".flag")).ToHaveCountAsync(0);
        await Expect(bob.Page.Locator("#conversations .conversation-item .name").First).ToHaveTextAsync(aliceId); // pinned first
        JsonElement listed = await http.PostAsync("_getConversationsForUser", new { user = bobId });
        JsonElement settings = listed.EnumerateArray().Single(c => c.GetProperty("participants").EnumerateArray().Any(p => p.GetString() == aliceId)).GetProperty("settings");
        Assert.True(settings.GetProperty("pinned").GetBoolean());
        Assert.True(settings.GetProperty("muted").GetBoolean());
        await AssertNoProblemsAsync();
    }
}
