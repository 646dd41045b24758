using System.Text.Json;
using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests;

/// <summary>Presence dots follow the other person's connection and chosen status, live.</summary>
public sealed class PresenceTests(AzuriteFixture azurite, BrowserFixture browser) : BrowserTest(azurite, browser)
{
    [Fact]
    public async Task TheDot_FollowsTheOtherPersonsConnectionAndStatus()
    {
        string aliceId = Name("alice"), bobId = Name("bob");
        ChatPage alice = await Browser.OpenAsync(aliceId);
        ChatPage bob = await Browser.OpenAsync(bobId);
        await alice.StartAsync(bobId, bobId);
        ILocator dot = alice.Conversation(bobId).Locator(".presence");
        await Expect(dot).ToHaveAttributeAsync("data-presence", "online");
        await Expect(alice.Page.Locator("#conversation-members")).ToContainTextAsync($"{bobId} (online)");

        await bob.Page.GetByLabel("My status").SelectOptionAsync("away");
        await Expect(dot).ToHaveAttributeAsync("data-presence", "away");
        await Expect(alice.Conversation(bobId)).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex($"^{bobId}, away,"));

        // Closing the page closes its socket; a network that just drops is noticed at SignalR's keep-alive timeout.
        await bob.Page.CloseAsync();
        await Expect(dot).ToHaveAttributeAsync("data-presence", "offline");
        using HttpClient http = App.Http();
        JsonElement presence = (await http.PostAsync("_getPresence", new { user = aliceId, users = new[] { bobId } }))[0];
        Assert.False(presence.GetProperty("online").GetBoolean());

        await Browser.OpenAsync(bobId);
        await Expect(dot).ToHaveAttributeAsync("data-presence", "away"); // the chosen status outlives the connection
        await AssertNoProblemsAsync();
    }
}
