using System.Text.Json;
using System.Text.RegularExpressions;
using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests;

/// <summary>Search finds what the API finds, and a result opens its conversation at the message, however far back.</summary>
public sealed class SearchTests(AzuriteFixture azurite, BrowserFixture browser) : BrowserTest(azurite, browser)
{
    [Fact]
    public async Task AResult_OpensItsConversationAtTheMessage_PagingBackToIt()
    {
        string aliceId = Name("alice"), bobId = Name("bob");
        using HttpClient http = App.Http();
        string conversationId = (await http.PostAsync("createConversation", new { user1 = aliceId, user2 = bobId })).GetProperty("conversationId").GetString()!;
        for (int i = 1; i <= 70; i++)
        {
            await http.PostAsync("sendMessage", new { conversationId, sender = aliceId, content = i == 3 ? "Café demain à 9h ?" : $"message {i}" });
        }
        ChatPage bob = await Browser.OpenAsync(bobId);

        await bob.Page.GetByLabel("Search messages").FillAsync("cafe dem");
        await bob.Page.GetByLabel("Search messages").PressAsync("Enter");
        ILocator hits = bob.Page.Locator("#search-list .search-hit");
        await Expect(hits).ToHaveCountAsync(1);
        await Expect(hits.Locator(".content")).ToHaveTextAsync("Café demain à 9h ?");
        await Expect(bob.Page.Locator("#search-summary")).ToHaveTextAsync("1 message found.");
        JsonElement found = await http.PostAsync("_searchMessages", new { user = bobId, query = "cafe dem" });
        Assert.Equal(found[0].GetProperty("_id").GetString(), await hits.GetAttributeAsync("data-id"));

        await hits.ClickAsync();
        ILocator message = bob.Message("Café demain à 9h ?");
        await Expect(message).ToHaveClassAsync(new Regex(@"\bfound\b"));
        await Expect(message).ToBeFocusedAsync();
        await Expect(message).ToBeInViewportAsync();
        await Expect(bob.Messages).ToHaveCountAsync(70); // paged back from the newest 30 to message 3 (and the start)

        await bob.Page.GetByLabel("Search messages").FillAsync("nothing like this");
        await bob.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Search", Exact = true }).ClickAsync();
        await Expect(bob.Page.Locator("#search-summary")).ToHaveTextAsync("No messages found.");
        await Expect(hits).ToHaveCountAsync(0);
        await AssertNoProblemsAsync();
    }
}
