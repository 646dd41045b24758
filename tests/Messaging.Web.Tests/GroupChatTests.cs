using Messaging.Testing;
using Messaging.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Web.Tests;

/// <summary>Groups in the browser: starting one, adding a member, what the newcomer sees, and "seen by".</summary>
public sealed class GroupChatTests(AzuriteFixture azurite, BrowserFixture browser) : BrowserTest(azurite, browser)
{
    [Fact]
    public async Task AMemberAddedLater_SeesOnlyFromTheirJoinOn_AndTheSenderSeesWhoSawIt()
    {
        string aliceId = Name("alice"), bobId = Name("bob"), carolId = Name("carol");
        ChatPage alice = await Browser.OpenAsync(aliceId);
        ChatPage bob = await Browser.OpenAsync(bobId);
        ChatPage carol = await Browser.OpenAsync(carolId);

        await alice.StartAsync("Trip", bobId);
        await alice.SendAsync("before carol: the plan");
        await bob.OpenAsync("Trip");
        await bob.SendAsync("before carol: agreed");
        await Expect(alice.Message("before carol: agreed")).ToHaveCountAsync(1);
        await Expect(carol.Conversation("Trip")).ToHaveCountAsync(0);

        await alice.Page.GetByLabel("Add member").FillAsync(carolId);
        await alice.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add", Exact = true }).ClickAsync();
        await Expect(alice.SystemMessages.Last).ToContainTextAsync($"added {carolId}");
        await alice.SendAsync("after carol: welcome!");

        await carol.OpenAsync("Trip");
        await Expect(carol.Messages).ToHaveCountAsync(1);
        await Expect(carol.Message("after carol: welcome!")).ToHaveCountAsync(1);
        await Expect(carol.SystemMessages).ToHaveCountAsync(1);
        await Expect(carol.SystemMessages).ToContainTextAsync($"added {carolId}");
        string conversationId = await carol.OpenConversationIdAsync();
        using HttpClient http = App.Http();
        Assert.Equal(await http.HistoryAsync(conversationId, carolId), await carol.ShownAsync());
        Assert.Equal(await http.HistoryAsync(conversationId, bobId), await bob.ShownAsync());

        // bob has the group open (read as it came), carol opened it: both show under alice's latest message.
        await Expect(alice.Message("after carol: welcome!").Locator(".seen-by")).ToHaveTextAsync($"Seen by {bobId}, {carolId}");
        await Expect(alice.Message("after carol: welcome!").Locator(".ticks")).ToHaveAttributeAsync("data-status", "read");
        await carol.SendAsync("thanks!");
        await Expect(alice.Message("thanks!")).ToHaveCountAsync(1);
        await Expect(bob.Message("thanks!")).ToHaveCountAsync(1);
        await AssertNoProblemsAsync();
    }
}
